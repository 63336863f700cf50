/**
 * Draws the architecture of a synthesized CloudFormation template as an SVG, so that the picture in the README is
 * generated from what the library really deploys:
 *
 *   tsx scripts/diagram.ts cdk.out/OrganizationTrail.template.json docs/architecture.svg
 *
 * One box per resource, named after its construct path (`aws:cdk:path` metadata) and its type; policies and aliases
 * are folded into the resource they belong to; many resources of one type in one area become one box with a count;
 * one arrow per pair of boxes that refer to each other. Areas are drawn in rows, each below the areas that refer to
 * it. Pure TypeScript, no dependencies, and deterministic: the same template always gives the same bytes.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The areas of the picture; a resource belongs to the first whose types match. */
const AREAS: Area[] = [
  { name: 'Trail', types: /^AWS::CloudTrail::Trail$/, color: '#b0084d' },
  { name: 'Analytics', types: /^AWS::(Glue|Athena)::|^AWS::CloudTrail::EventDataStore$/, color: '#7d4fc4' },
  { name: 'Log archive', types: /^AWS::S3::/, color: '#3f8624' },
  { name: 'CloudWatch Logs', types: /^AWS::Logs::/, color: '#0972d3' },
  { name: 'Alarms & notifications', types: /^AWS::(CloudWatch|SNS|Events)::/, color: '#c45500' },
  { name: 'IAM', types: /^AWS::IAM::/, color: '#037f82' },
  { name: 'Encryption', types: /^AWS::KMS::/, color: '#c7162b' },
  { name: 'Other', types: /./, color: '#5f6b7a' },
];

/** Types drawn inside the resource one of their properties refers to, rather than as boxes of their own. */
const FOLDED_INTO: Record<string, string> = {
  'AWS::S3::BucketPolicy': 'Bucket',
  'AWS::SNS::TopicPolicy': 'Topics',
  'AWS::KMS::Alias': 'TargetKeyId',
  'AWS::IAM::ManagedPolicy': 'Roles',
  'AWS::IAM::Policy': 'Roles',
  'AWS::Events::EventBusPolicy': 'EventBusName',
  'AWS::SQS::QueuePolicy': 'Queues',
  'AWS::Lambda::Permission': 'FunctionName',
};

/** Properties holding policy documents: the principals and conditions they name are permissions, not architecture. */
const POLICY_PROPERTIES = ['KeyPolicy', 'PolicyDocument', 'AssumeRolePolicyDocument', 'Policies', 'PolicyText'];

const TYPE_NAMES: Record<string, string> = {
  'AWS::CloudTrail::Trail': 'CloudTrail trail',
  'AWS::CloudTrail::EventDataStore': 'CloudTrail Lake event data store',
  'AWS::S3::Bucket': 'S3 bucket',
  'AWS::S3::BucketPolicy': 'bucket policy',
  'AWS::KMS::Key': 'KMS key',
  'AWS::KMS::Alias': 'alias',
  'AWS::Logs::LogGroup': 'Log group',
  'AWS::Logs::MetricFilter': 'Metric filter',
  'AWS::Logs::QueryDefinition': 'Logs Insights query',
  'AWS::IAM::Role': 'IAM role',
  'AWS::IAM::ManagedPolicy': 'managed policy',
  'AWS::IAM::Policy': 'policy',
  'AWS::SNS::Topic': 'SNS topic',
  'AWS::SNS::TopicPolicy': 'topic policy',
  'AWS::SNS::Subscription': 'SNS subscription',
  'AWS::CloudWatch::Alarm': 'CloudWatch alarm',
  'AWS::CloudWatch::CompositeAlarm': 'CloudWatch composite alarm',
  'AWS::CloudWatch::Dashboard': 'CloudWatch dashboard',
  'AWS::Events::Rule': 'EventBridge rule',
  'AWS::Events::EventBus': 'EventBridge event bus',
  'AWS::Events::EventBusPolicy': 'bus policy',
  'AWS::Glue::Database': 'Glue database',
  'AWS::Glue::Table': 'Glue table',
  'AWS::Athena::WorkGroup': 'Athena workgroup',
  'AWS::Athena::NamedQuery': 'Athena saved query',
  'AWS::Lambda::Function': 'Lambda function',
  'AWS::CloudFormation::StackSet': 'CloudFormation StackSet',
};

/** More resources of one type than this in one area are drawn as one box with a count. */
const MAX_SEPARATE = 4;

/** The kinds of arrows: what they mean, and their dash pattern. */
const LEGEND = [
  { label: 'refers to (Ref, Fn::GetAtt, Fn::Sub, DependsOn; an alarm to its metric filter)', dash: '' },
  { label: 'watches (named in an EventBridge event pattern)', dash: '4 3' },
];

// Geometry, in pixels.
const MARGIN = 24;
const TITLE_HEIGHT = 64;
const LEGEND_HEIGHT = 36;
const AREA_HEADER = 30;
const AREA_PADDING = 16;
const AREA_GAP = 28;
const ROW_GAP = 64;
const LEVEL_GAP = 40;
const BOX_GAP = 16;
const TITLE_BASELINE = 23;
const LINE_HEIGHT = 16;
const NAME_CHARS = 30;
const GAP_CLEARANCE = 12;
const ARROW_SPACING = 7;
const FONT = "'Helvetica Neue', Helvetica, Arial, 'DejaVu Sans', sans-serif";
const MONO = "SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace";

interface Area {
  readonly name: string;
  readonly types: RegExp;
  readonly color: string;
}

interface Resource {
  readonly id: string;
  readonly type: string;
  /** The construct path, without the stack, the prefix all resources share, and a trailing `Resource`. */
  readonly path: string[];
  readonly refs: string[];
  /** What an EventBridge rule's event pattern names: watched, rather than used. */
  readonly watches: string[];
  /** The resource this one is drawn into, for policies and aliases. */
  host?: Resource;
}

/** A box of the diagram: one resource, or several of one type. */
export interface Box {
  /** The logical id of its resource, or `<area>|<type>` for several. */
  readonly key: string;
  readonly area: Area;
  readonly type: string;
  readonly members: Resource[];
  /** Names of the types folded into this box, e.g. `bucket policy`. */
  readonly folded: Set<string>;
  level: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An arrow: `from` refers to `to`. */
export interface Edge {
  readonly from: Box;
  readonly to: Box;
  watch: boolean;
  fromX: number;
  toX: number;
  /** The SVG path data of the arrow. */
  path: string;
}

interface Panel {
  readonly area: Area;
  readonly boxes: Box[];
  row: number;
  levels: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The SVG text of the architecture diagram of a CloudFormation template. */
export function architectureDiagram(template: any): string {
  const { resources, boxes, edges } = architecture(template);
  return render(template, resources, layout(boxes, edges), edges);
}

/** The boxes and arrows of the diagram of a template, before layout. */
export function architecture(template: any): { resources: number; boxes: Box[]; edges: Edge[] } {
  const resources = readResources(template);
  if (resources.length === 0) throw new Error('The template has no resources to draw');
  const boxes = collapse(resources);
  return { resources: resources.length, boxes, edges: connect(resources, boxes) };
}

/** A box's type, count and construct path, e.g. `S3 bucket LogArchive/Bucket` or `Metric filter ×14 Alarms/…`. */
export function boxLabel(box: Box): string {
  return `${typeName(box.type)}${box.members.length > 1 ? ` ×${box.members.length}` : ''} ${nameLines(box).join('')}`;
}

// ---- Model: resources, boxes and references ----

function readResources(template: any): Resource[] {
  const entries = Object.entries<any>(template.Resources ?? {});
  const ids = new Set(entries.map(([id]) => id));
  const filters = metricFilters(entries);
  const resources = entries.map(([id, r]): Resource => {
    const { EventPattern: pattern, ...properties } = r.Properties ?? {};
    for (const name of POLICY_PROPERTIES) delete properties[name];
    const refs = new Set([...collectRefs(properties), ...[r.DependsOn ?? []].flat()]);
    for (const metric of alarmMetrics(r)) if (filters.has(metric)) refs.add(filters.get(metric)!);
    const keep = (list: Iterable<string>) => [...list].filter((x) => ids.has(x) && x !== id);
    return { id, type: r.Type, path: constructPath(id, r), refs: keep(refs), watches: keep(collectRefs(pattern)) };
  });
  trimCommonPrefix(resources);
  const byId = new Map(resources.map((r) => [r.id, r]));
  for (const r of resources) {
    const property = FOLDED_INTO[r.type];
    if (!property) continue;
    const hosts = [...collectRefs(template.Resources[r.id].Properties?.[property])].map((id) => byId.get(id));
    r.host = hosts.find((h) => h && !FOLDED_INTO[h.type]);
  }
  return resources;
}

/** The logical ids a value refers to with Ref, Fn::GetAtt or Fn::Sub. */
function collectRefs(value: any, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    value.forEach((v) => collectRefs(v, into));
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries<any>(value)) {
      if (key === 'Ref' && typeof v === 'string') {
        into.add(v);
      } else if (key === 'Fn::GetAtt') {
        into.add(typeof v === 'string' ? v.split('.')[0] : v[0]);
      } else if (key === 'Fn::Sub') {
        const [body, variables] = typeof v === 'string' ? [v, undefined] : v;
        for (const m of String(body).matchAll(/\$\{([A-Za-z0-9]+)[.}]/g)) into.add(m[1]);
        collectRefs(variables, into);
      } else {
        collectRefs(v, into);
      }
    }
  }
  return into;
}

/** Metric filters by the metric they publish: an alarm on that metric refers to the filter. */
function metricFilters(entries: Array<[string, any]>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [id, r] of entries) {
    if (r.Type !== 'AWS::Logs::MetricFilter') continue;
    for (const t of r.Properties?.MetricTransformations ?? []) map.set(`${t.MetricNamespace}/${t.MetricName}`, id);
  }
  return map;
}

function alarmMetrics(r: any): string[] {
  if (r.Type !== 'AWS::CloudWatch::Alarm') return [];
  const p = r.Properties ?? {};
  const metrics = [p, ...(p.Metrics ?? []).map((m: any) => m.MetricStat?.Metric ?? {})];
  return metrics.filter((m) => typeof m.Namespace === 'string').map((m) => `${m.Namespace}/${m.MetricName}`);
}

function constructPath(id: string, resource: any): string[] {
  const full: string | undefined = resource.Metadata?.['aws:cdk:path'];
  if (!full) return [id];
  const parts = full.split('/').slice(1);
  if (parts.length > 1 && ['Resource', 'Default'].includes(parts[parts.length - 1])) parts.pop();
  return parts;
}

/** Drops the construct path prefix all resources share (e.g. `Trail/`), keeping at least one segment of each. */
function trimCommonPrefix(resources: Resource[]): void {
  if (resources.length < 2) return;
  let shared = 0;
  while (resources.every((r) => r.path[shared] !== undefined && r.path[shared] === resources[0].path[shared])) shared++;
  for (const r of resources) r.path.splice(0, Math.min(shared, r.path.length - 1));
}

function areaOf(type: string): Area {
  return AREAS.find((a) => a.types.test(type))!;
}

/** One box per resource, or per type and area when there are many. Folded resources join their host's box. */
function collapse(resources: Resource[]): Box[] {
  const shown = resources.filter((r) => !r.host);
  const counts = new Map<string, number>();
  for (const r of shown) counts.set(kindOf(r), (counts.get(kindOf(r)) ?? 0) + 1);
  const boxes = new Map<string, Box>();
  for (const r of shown) {
    const key = counts.get(kindOf(r))! > MAX_SEPARATE ? kindOf(r) : r.id;
    if (!boxes.has(key)) {
      boxes.set(key, { key, area: areaOf(r.type), type: r.type, members: [], folded: new Set(), level: 0, x: 0, y: 0, width: 0, height: 0 });
    }
    boxes.get(key)!.members.push(r);
  }
  for (const r of resources) if (r.host) boxOf(boxes, r.host).folded.add(typeName(r.type));
  return [...boxes.values()];
}

function kindOf(r: Resource): string {
  return `${areaOf(r.type).name}|${r.type}`;
}

function boxOf(boxes: Map<string, Box>, r: Resource): Box {
  return boxes.get(r.id) ?? boxes.get(kindOf(r))!;
}

/** One arrow per pair of boxes. The references of folded resources are policy detail and left out. */
function connect(resources: Resource[], boxes: Box[]): Edge[] {
  const byKey = new Map(boxes.map((b) => [b.key, b]));
  const byId = new Map(resources.map((r) => [r.id, r]));
  const edges = new Map<string, Edge>();
  for (const r of resources.filter((x) => !x.host)) {
    const from = boxOf(byKey, r);
    const links = [...r.refs.map((id) => ({ id, watch: false })), ...r.watches.map((id) => ({ id, watch: true }))];
    for (const { id, watch } of links) {
      const target = byId.get(id)!;
      const to = boxOf(byKey, target.host ?? target);
      const key = `${from.key}>${to.key}`;
      if (from === to) continue;
      if (edges.has(key)) edges.get(key)!.watch &&= watch;
      else edges.set(key, { from, to, watch, fromX: 0, toX: 0, path: '' });
    }
  }
  return [...edges.values()];
}

// ---- Layout: areas in rows by reference depth, boxes in levels inside their area ----

function layout(boxes: Box[], edges: Edge[]): Panel[] {
  const panels = AREAS.map((area) => ({ area, boxes: boxes.filter((b) => b.area === area) }))
    .filter((p) => p.boxes.length > 0)
    .map((p): Panel => ({ ...p, row: 0, levels: 1, x: 0, y: 0, width: 0, height: 0 }));
  const panelOf = new Map(panels.flatMap((p) => p.boxes.map((b) => [b, p] as const)));
  // An area is drawn in a row below every area that refers to it; a box in a level below every box of its area
  // that refers to it.
  const rows = depths(panels, edges.map((e) => [panelOf.get(e.from)!, panelOf.get(e.to)!] as const));
  for (const p of panels) {
    p.row = rows.get(p)!;
    const inside = edges.filter((e) => panelOf.get(e.from) === p && panelOf.get(e.to) === p);
    const levels = depths(p.boxes, inside.map((e) => [e.from, e.to] as const));
    p.boxes.forEach((b) => (b.level = levels.get(b)!));
    p.levels = Math.max(...p.boxes.map((b) => b.level)) + 1;
  }
  const width = Math.max(...boxes.map((b) => textWidth(typeName(b.type), 13.5, true) + (b.members.length > 1 ? 44 : 0)), NAME_CHARS * 6.6) + 28;
  for (const b of boxes) {
    b.width = width;
    b.height = TITLE_BASELINE + LINE_HEIGHT * (nameLines(b).length + (b.folded.size ? 1 : 0)) + 11;
  }
  order(panels, edges);
  place(panels);
  anchor(edges);
  route(edges, panels);
  return panels;
}

/** The longest path to each node from a node nothing refers to; links that close a cycle are ignored. */
function depths<T>(nodes: T[], links: ReadonlyArray<readonly [T, T]>): Map<T, number> {
  const depth = new Map<T, number>();
  const visiting = new Set<T>();
  const visit = (node: T): number => {
    if (depth.has(node)) return depth.get(node)!;
    visiting.add(node);
    let d = 0;
    for (const [from, to] of links) if (to === node && !visiting.has(from)) d = Math.max(d, visit(from) + 1);
    visiting.delete(node);
    depth.set(node, d);
    return d;
  };
  nodes.forEach(visit);
  return depth;
}

/** Orders the boxes of each area and the areas of each row by the mean position of what they connect to. */
function order(panels: Panel[], edges: Edge[]): void {
  for (let sweep = 0; sweep < 4; sweep++) {
    place(panels);
    const centre = new Map(panels.flatMap((p) => p.boxes).map((b) => [b, b.x + b.width / 2]));
    const pull = new Map(
      [...centre.keys()].map((b) => {
        const xs = edges.filter((e) => e.from === b || e.to === b).map((e) => centre.get(e.from === b ? e.to : e.from)!);
        return [b, xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : centre.get(b)!];
      }),
    );
    for (const p of panels) p.boxes.sort((a, b) => pull.get(a)! - pull.get(b)!);
    const panelPull = new Map(panels.map((p) => [p, p.boxes.reduce((s, b) => s + pull.get(b)!, 0) / p.boxes.length]));
    panels.sort((a, b) => a.row - b.row || panelPull.get(a)! - panelPull.get(b)!);
  }
}

/** Positions the areas in centred rows, and the boxes in centred levels inside their area. */
function place(panels: Panel[]): void {
  const rows = [...new Set(panels.map((p) => p.row))].sort((a, b) => a - b).map((row) => panels.filter((p) => p.row === row));
  const inLevel = (p: Panel, level: number) => p.boxes.filter((b) => b.level === level);
  const levelWidth = (p: Panel, level: number) => inLevel(p, level).reduce((s, b) => s + b.width + BOX_GAP, -BOX_GAP);
  for (const p of panels) p.width = Math.max(...p.boxes.map((b) => levelWidth(p, b.level))) + 2 * AREA_PADDING;
  const rowWidths = rows.map((row) => row.reduce((s, p) => s + p.width + AREA_GAP, -AREA_GAP));
  const canvas = Math.max(...rowWidths);
  let y = MARGIN + TITLE_HEIGHT;
  rows.forEach((row, i) => {
    const levels = Math.max(...row.map((p) => p.levels));
    // Areas with fewer levels than their row use the lower ones, next to what they refer to; each level of a row is
    // as high as its highest box, so that the boxes of a level line up across areas.
    const firstLevel = (p: Panel) => levels - p.levels;
    const heights = [...Array(levels).keys()].map((l) => Math.max(0, ...row.flatMap((p) => inLevel(p, l - firstLevel(p)).map((b) => b.height))));
    const offsets = heights.map((_, l) => heights.slice(0, l).reduce((s, h) => s + h + LEVEL_GAP, 0));
    const height = AREA_HEADER + offsets[levels - 1] + heights[levels - 1] + AREA_PADDING;
    let x = MARGIN + (canvas - rowWidths[i]) / 2;
    for (const p of row) {
      Object.assign(p, { x, y: y + offsets[firstLevel(p)], height: height - offsets[firstLevel(p)] });
      for (let level = 0; level < p.levels; level++) {
        const top = y + AREA_HEADER + offsets[level + firstLevel(p)];
        let left = x + (p.width - levelWidth(p, level)) / 2;
        for (const b of inLevel(p, level)) {
          Object.assign(b, { x: left, y: top + (heights[level + firstLevel(p)] - b.height) / 2 });
          left += b.width + BOX_GAP;
        }
      }
      x += p.width + AREA_GAP;
    }
    y += height + ROW_GAP;
  });
}

/** Spreads the ends of the arrows along their boxes, in the order of the boxes at their other ends. */
function anchor(edges: Edge[]): void {
  const centre = (b: Box) => b.x + b.width / 2;
  const spread = (end: 'from' | 'to', other: 'from' | 'to', set: (e: Edge, x: number) => void) => {
    const byBox = new Map<Box, Edge[]>();
    for (const e of edges) byBox.set(e[end], [...(byBox.get(e[end]) ?? []), e]);
    for (const [b, ends] of byBox) {
      ends.sort((p, q) => centre(p[other]) - centre(q[other]));
      const step = Math.min(18, (b.width * 0.7) / ends.length);
      ends.forEach((e, i) => set(e, centre(b) + (i - (ends.length - 1) / 2) * step));
    }
  };
  spread('from', 'to', (e, x) => (e.fromX = x));
  spread('to', 'from', (e, x) => (e.toX = x));
}

/**
 * Routes each arrow from the bottom of its source down to the top of its target (or up, for a reference that closes
 * a cycle), through a free gap of each band of boxes on the way, preferring gaps outside other areas.
 */
function route(edges: Edge[], panels: Panel[]): void {
  const boxes = panels.flatMap((p) => p.boxes);
  const right = Math.max(...panels.map((p) => p.x + p.width)) + MARGIN;
  // Bands: the y ranges covered by boxes, overlapping ones merged.
  const bands: Array<{ top: number; bottom: number; used: number[] }> = [];
  for (const b of [...boxes].sort((p, q) => p.y - q.y)) {
    const last = bands[bands.length - 1];
    if (last && b.y < last.bottom) last.bottom = Math.max(last.bottom, b.y + b.height);
    else bands.push({ top: b.y, bottom: b.y + b.height, used: [] });
  }
  for (const e of edges) {
    if (e.to.y < e.from.y + e.from.height && e.from.y < e.to.y + e.to.height) {
      // Side by side: from the facing sides, at mid-height.
      const rightwards = e.to.x > e.from.x;
      const [x1, y1] = [rightwards ? e.from.x + e.from.width : e.from.x, e.from.y + e.from.height / 2];
      const [x2, y2] = [rightwards ? e.to.x - 2 : e.to.x + e.to.width + 2, e.to.y + e.to.height / 2];
      e.path = `M${n(x1)},${n(y1)} C${n((x1 + x2) / 2)},${n(y1)} ${n((x1 + x2) / 2)},${n(y2)} ${n(x2)},${n(y2)}`;
      continue;
    }
    const down = e.to.y > e.from.y;
    const start = { x: e.fromX, y: down ? e.from.y + e.from.height : e.from.y };
    const end = { x: e.toX, y: down ? e.to.y - 2 : e.to.y + e.to.height + 2 };
    const crossed = bands
      .filter((b) => b.top > Math.min(start.y, end.y) && b.bottom < Math.max(start.y, end.y))
      .sort((a, b) => (down ? a.top - b.top : b.top - a.top));
    const points = [start];
    for (const band of crossed) {
      const overlaps = (r: { y: number; height: number }) => r.y < band.bottom && r.y + r.height > band.top;
      const blocked = [
        ...boxes.filter(overlaps).map((b) => [b.x, b.x + b.width]),
        ...panels.filter((p) => overlaps(p) && !p.boxes.includes(e.from) && !p.boxes.includes(e.to)).map((p) => [p.x, p.x + p.width]),
      ];
      const want = start.x + ((end.x - start.x) * ((band.top + band.bottom) / 2 - start.y)) / (end.y - start.y);
      const x = nearestFree(want, blocked, right, band.used);
      band.used.push(x);
      points.push({ x, y: down ? band.top : band.bottom }, { x, y: down ? band.bottom : band.top });
    }
    points.push(end);
    // Curves between bands, straight lines through them.
    e.path = `M${n(start.x)},${n(start.y)}`;
    for (let i = 1; i < points.length; i++) {
      const [a, b] = [points[i - 1], points[i]];
      const mid = (b.y - a.y) / 2;
      e.path += i % 2 === 0 ? ` L${n(b.x)},${n(b.y)}` : ` C${n(a.x)},${n(a.y + mid)} ${n(b.x)},${n(b.y - mid)} ${n(b.x)},${n(b.y)}`;
    }
  }
}

/**
 * The x nearest to `want` outside every blocked interval, kept off the sides of its gap and a few pixels away from
 * the arrows that already pass through it.
 */
function nearestFree(want: number, blocked: number[][], right: number, used: number[]): number {
  const gaps: number[][] = [];
  let left = 0;
  for (const [l, r] of [...blocked, [right, right]].sort((a, b) => a[0] - b[0])) {
    if (l > left) gaps.push([left + GAP_CLEARANCE, l - GAP_CLEARANCE]);
    left = Math.max(left, r);
  }
  const candidates = gaps.map(([l, r]) => {
    const narrow = l > r;
    const start = narrow ? (l + r) / 2 : Math.min(Math.max(want, l), r);
    const tries = [0, 1, -1, 2, -2, 3, -3].map((k) => start + k * ARROW_SPACING);
    return tries.find((x) => (narrow || (x >= l && x <= r)) && !used.some((u) => Math.abs(u - x) < ARROW_SPACING)) ?? start;
  });
  return candidates.reduce((best, x) => (Math.abs(x - want) < Math.abs(best - want) ? x : best));
}

// ---- Rendering ----

function render(template: any, resources: number, panels: Panel[], edges: Edge[]): string {
  const legendWidth = LEGEND.reduce((w, { label }) => w + legendItemWidth(label), 0);
  const width = Math.ceil(Math.max(...panels.map((p) => p.x + p.width), MARGIN + legendWidth) + MARGIN);
  const height = Math.ceil(Math.max(...panels.map((p) => p.y + p.height)) + LEGEND_HEIGHT + MARGIN);
  const grey = '#5f6b7a';
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    '<defs>',
    ...[grey, ...new Set(edges.map((e) => e.to.area.color))].map(
      (c) => `<marker id="arrow-${c.slice(1)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="${c}"/></marker>`,
    ),
    '</defs>',
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text(MARGIN, MARGIN + 20, template.Description ?? 'Architecture', { size: 20, weight: 'bold', fill: '#16191f' }),
    text(MARGIN, MARGIN + 42, `${resources} CloudFormation resources, drawn from the synthesized template by scripts/diagram.ts`, { size: 13, fill: grey }),
  ];
  for (const p of panels) {
    out.push(`<rect x="${n(p.x)}" y="${n(p.y)}" width="${n(p.width)}" height="${n(p.height)}" rx="10" fill="${tint(p.area.color, 0.06)}" stroke="${tint(p.area.color, 0.45)}"/>`);
  }
  for (const e of edges) {
    const c = e.to.area.color;
    const style = e.watch ? `stroke-width="1.2" stroke-dasharray="${LEGEND[1].dash}" stroke-opacity="0.6"` : 'stroke-width="1.4" stroke-opacity="0.8"';
    out.push(`<path d="${e.path}" fill="none" stroke="${c}" ${style} marker-end="url(#arrow-${c.slice(1)})"/>`);
  }
  for (const p of panels) {
    const style = { size: 12, weight: 'bold', fill: p.area.color, spacing: 0.8, halo: tint(p.area.color, 0.06) };
    out.push(text(p.x + 12, p.y + 20, p.area.name.toUpperCase(), style));
  }
  for (const b of panels.flatMap((p) => p.boxes)) out.push(...drawBox(b));
  const legendY = height - MARGIN - 8;
  let x = MARGIN;
  for (const { label, dash } of LEGEND) {
    const dashes = dash ? ` stroke-dasharray="${dash}"` : '';
    out.push(
      `<path d="M${n(x)},${legendY - 4} h34" stroke="${grey}" stroke-width="1.4"${dashes} marker-end="url(#arrow-${grey.slice(1)})"/>`,
      text(x + 44, legendY, label, { size: 12, fill: grey }),
    );
    x += legendItemWidth(label);
  }
  return `${[...out, '</svg>'].join('\n')}\n`;
}

function legendItemWidth(label: string): number {
  return 44 + textWidth(label, 12) + 24;
}

function drawBox(b: Box): string[] {
  const out = [
    `<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(b.height)}" rx="6" fill="#ffffff" stroke="${b.area.color}" stroke-width="1.2"/>`,
    `<rect x="${n(b.x)}" y="${n(b.y)}" width="5" height="${n(b.height)}" rx="2" fill="${b.area.color}"/>`,
    text(b.x + 14, b.y + TITLE_BASELINE, typeName(b.type), { size: 13.5, weight: 'bold', fill: '#16191f' }),
  ];
  if (b.members.length > 1) {
    const count = `×${b.members.length}`;
    const w = textWidth(count, 12, true) + 14;
    out.push(
      `<rect x="${n(b.x + b.width - w - 8)}" y="${n(b.y + 9)}" width="${n(w)}" height="18" rx="9" fill="${b.area.color}"/>`,
      text(b.x + b.width - 8 - w / 2, b.y + TITLE_BASELINE - 1, count, { size: 12, weight: 'bold', fill: '#ffffff', anchor: 'middle' }),
    );
  }
  let y = b.y + TITLE_BASELINE;
  for (const line of nameLines(b)) out.push(text(b.x + 14, (y += LINE_HEIGHT), line, { size: 11, fill: '#414d5c', mono: true }));
  if (b.folded.size) out.push(text(b.x + 14, (y += LINE_HEIGHT), `+ ${[...b.folded].sort().join(', ')}`, { size: 11, fill: '#5f6b7a', italic: true }));
  return out;
}

function typeName(type: string): string {
  if (TYPE_NAMES[type]) return TYPE_NAMES[type];
  if (type.startsWith('Custom::')) return 'Custom resource';
  const [, service, kind] = type.split('::');
  return `${service} ${(kind ?? '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
}

/** The construct path of a box, `*` where its resources' paths differ, wrapped at slashes to fit the box. */
function nameLines(b: Box): string[] {
  const paths = b.members.map((m) => m.path);
  const [first] = paths;
  let head = 0;
  while (paths.every((p) => p[head] !== undefined && p[head] === first[head])) head++;
  let tail = 0;
  while (paths.every((p) => p.length - tail > head && p[p.length - 1 - tail] === first[first.length - 1 - tail])) tail++;
  const parts = paths.length > 1 ? [...first.slice(0, head), '*', ...first.slice(first.length - tail)] : first;
  const lines = [''];
  for (const part of parts) {
    const last = lines.length - 1;
    const joined = lines[last] ? `${lines[last]}/${part}` : part;
    if (joined.length > NAME_CHARS && lines[last]) lines.push(`/${part}`);
    else lines[last] = joined;
  }
  return lines;
}

interface TextStyle {
  readonly size: number;
  readonly fill: string;
  readonly weight?: string;
  readonly italic?: boolean;
  readonly mono?: boolean;
  readonly anchor?: string;
  readonly spacing?: number;
  /** The colour of an outline, so that arrows passing behind the text do not blur it. */
  readonly halo?: string;
}

function text(x: number, y: number, content: string, s: TextStyle): string {
  const attributes = [
    `x="${n(x)}" y="${n(y)}" font-size="${s.size}" fill="${s.fill}"`,
    s.weight && `font-weight="${s.weight}"`,
    s.italic && 'font-style="italic"',
    s.mono && `font-family="${MONO}"`,
    s.anchor && `text-anchor="${s.anchor}"`,
    s.spacing && `letter-spacing="${s.spacing}"`,
    s.halo && `stroke="${s.halo}" stroke-width="4" stroke-linejoin="round" paint-order="stroke"`,
  ];
  return `<text ${attributes.filter(Boolean).join(' ')}>${escapeXml(content)}</text>`;
}

/** A generous estimate of the width of a text, so that it fits with the widest common fonts. */
function textWidth(content: string, size: number, bold = false): number {
  return content.length * size * (bold ? 0.64 : 0.54);
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A colour mixed with white: `amount` 0 is white, 1 the colour itself. */
function tint(color: string, amount: number): string {
  const channels = [1, 3, 5].map((i) => Math.round(255 - (255 - parseInt(color.slice(i, i + 2), 16)) * amount));
  return `#${channels.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** Coordinates rounded to one decimal, so that the output does not depend on floating-point noise. */
function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

if (require.main === module) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: tsx scripts/diagram.ts <template.json> <diagram.svg>');
    process.exit(1);
  }
  const svg = architectureDiagram(JSON.parse(fs.readFileSync(input, 'utf-8')));
  fs.mkdirSync(path.dirname(output), { recursive: true });
  fs.writeFileSync(output, svg);
  console.log(`Wrote ${output} (${svg.length} bytes) from ${input}`);
}
