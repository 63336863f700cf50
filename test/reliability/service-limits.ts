/**
 * Checks a synthesized template against the limits and rules of CloudTrail, CloudWatch, S3, KMS, Glue and Athena that
 * CloudFormation itself does not check before deployment. It reads only the template, not the library's model, so
 * that a bug in how the library counts or renders cannot hide from it.
 */

const OPERATORS = ['Equals', 'NotEquals', 'StartsWith', 'NotStartsWith', 'EndsWith', 'NotEndsWith'];
const EQUALS_ONLY = ['eventCategory', 'resources.type', 'readOnly', 'errorCode'];
const FIELDS: Record<string, string[]> = {
  Management: ['eventCategory', 'readOnly', 'eventSource'],
  Data: ['eventCategory', 'resources.type', 'eventName', 'eventSource', 'eventType', 'readOnly', 'resources.ARN', 'sessionCredentialFromConsole', 'userIdentity.arn'],
  NetworkActivity: ['eventCategory', 'eventSource', 'eventName', 'errorCode', 'vpcEndpointId'],
};
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const LAKE_MAX_RETENTION: Record<string, number> = { EXTENDABLE_RETENTION_PRICING: 3653, FIXED_RETENTION_PRICING: 2557 };

/** The number of condition values across the advanced event selectors of a trail, which CloudTrail limits to 500. */
export function selectorValueCount(selectors: any[] | undefined): number {
  let count = 0;
  for (const selector of selectors ?? []) {
    for (const field of selector.FieldSelectors) {
      for (const operator of OPERATORS) count += field[operator]?.length ?? 0;
    }
  }
  return count;
}

/** Every rule the resources of a template break, as readable lines; none for a template that deploys. */
export function serviceLimitProblems(template: any): string[] {
  const problems: string[] = [];
  const resources = Object.entries<any>(template.Resources ?? {});
  const ofType = (type: string) => resources.filter(([, r]) => r.Type === type).map(([id, r]) => [id, r.Properties ?? {}] as const);
  const check = (ok: boolean, id: string, what: string) => {
    if (!ok) problems.push(`${id}: ${what}`);
  };

  for (const [id, trail] of ofType('AWS::CloudTrail::Trail')) {
    const name = trail.TrailName;
    if (typeof name === 'string') {
      check(
        name.length >= 3 && name.length <= 128 && /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(name) && !/[._-]{2}/.test(name) && !/^\d+\.\d+\.\d+\.\d+$/.test(name),
        id,
        `trail name ${name} breaks CloudTrail's naming rules`,
      );
    }
    check(trail.S3KeyPrefix === undefined || trail.S3KeyPrefix.length <= 200, id, 'S3KeyPrefix is longer than 200 characters');
    check(trail.IsMultiRegionTrail !== true || trail.IncludeGlobalServiceEvents === true, id, 'a multi-Region trail without global-service events');
    check(trail.EventSelectors === undefined || trail.AdvancedEventSelectors === undefined, id, 'basic and advanced event selectors together');
    const selectors: any[] = trail.AdvancedEventSelectors ?? [];
    const values = selectorValueCount(selectors);
    check(values <= 500, id, `${values} condition values in the advanced event selectors, more than 500`);
    for (const selector of selectors) problems.push(...selectorProblems(id, selector));
    const types = (trail.InsightSelectors ?? []).map((s: any) => s.InsightType);
    check(new Set(types).size === types.length, id, `an Insights type twice: ${types}`);
    if (types.length > 0) {
      const management = selectors.find((s) => s.FieldSelectors.some((f: any) => f.Field === 'eventCategory' && f.Equals?.includes('Management')));
      const basic = (trail.EventSelectors ?? []).find((s: any) => s.IncludeManagementEvents !== false);
      const readOnly = management?.FieldSelectors.find((f: any) => f.Field === 'readOnly')?.Equals ?? (basic?.ReadWriteType === 'ReadOnly' ? ['true'] : []);
      const categories: string[] = trail.InsightSelectors[0].EventCategories ?? ['Management'];
      if (categories.includes('Management')) {
        check(management !== undefined || basic !== undefined, id, 'Insights on management events, which the trail does not log');
        check(!types.includes('ApiCallRateInsight') || !readOnly.includes('true'), id, 'API call rate Insights without write management events');
      }
      if (categories.includes('Data')) {
        check(selectors.some((s) => s.FieldSelectors.some((f: any) => f.Field === 'eventCategory' && f.Equals?.includes('Data'))), id, 'Insights on data events without data events');
      }
    }
  }

  for (const [id, group] of ofType('AWS::Logs::LogGroup')) {
    check(group.RetentionInDays === undefined || LOG_RETENTION_DAYS.includes(group.RetentionInDays), id, `retention of ${group.RetentionInDays} days`);
  }

  const filtersPerGroup = new Map<string, number>();
  for (const [id, filter] of ofType('AWS::Logs::MetricFilter')) {
    const group = JSON.stringify(filter.LogGroupName);
    filtersPerGroup.set(group, (filtersPerGroup.get(group) ?? 0) + 1);
    check(filter.FilterPattern.length <= 1024, id, `a filter pattern of ${filter.FilterPattern.length} characters`);
    check(filter.FilterName === undefined || filter.FilterName.length <= 512, id, 'a filter name longer than 512 characters');
    for (const t of filter.MetricTransformations) check(t.MetricName.length <= 255 && t.MetricNamespace.length <= 255, id, 'a metric name or namespace over 255 characters');
  }
  for (const [group, count] of filtersPerGroup) check(count <= 100, group, `${count} metric filters on one log group, more than 100`);

  // A metric alarm may act through a composite alarm that has its actions enabled, and only then keep its own disabled.
  const actingComposites = ofType('AWS::CloudWatch::CompositeAlarm').filter(([, c]) => c.ActionsEnabled !== false && (c.AlarmActions ?? []).length > 0);
  const inputsOfActingComposites = new Set(actingComposites.flatMap(([, c]) => JSON.stringify(c.AlarmRule).match(/"Fn::GetAtt":\["([^"]+)","Arn"\]/g) ?? [])
    .map((ref) => ref.split('"')[3]));
  for (const [id, composite] of ofType('AWS::CloudWatch::CompositeAlarm')) {
    check(typeof composite.AlarmName !== 'string' || composite.AlarmName.length <= 255, id, 'an alarm name over 255 characters');
  }
  for (const [id, alarm] of ofType('AWS::CloudWatch::Alarm')) {
    check(typeof alarm.AlarmName !== 'string' || alarm.AlarmName.length <= 255, id, 'an alarm name over 255 characters');
    check(typeof alarm.AlarmDescription !== 'string' || alarm.AlarmDescription.length <= 1024, id, 'an alarm description over 1024 characters');
    check(alarm.Period % 60 === 0 && alarm.Period >= 60, id, `a period of ${alarm.Period} seconds`);
    const range = alarm.Period * alarm.EvaluationPeriods;
    check(range <= (alarm.Period < 3600 ? 86400 : 604800), id, `${alarm.EvaluationPeriods} evaluation periods of ${alarm.Period} seconds`);
    check(Number.isInteger(alarm.EvaluationPeriods) && alarm.EvaluationPeriods >= 1, id, `${alarm.EvaluationPeriods} evaluation periods`);
    check((alarm.ActionsEnabled !== false || inputsOfActingComposites.has(id)) && (alarm.AlarmActions ?? []).length > 0, id, 'an alarm without actions');
  }

  for (const [id, bucket] of ofType('AWS::S3::Bucket')) {
    let expiration: number | undefined;
    for (const rule of bucket.LifecycleConfiguration?.Rules ?? []) {
      const days = (storageClass: string) => rule.Transitions?.find((t: any) => t.StorageClass === storageClass)?.TransitionInDays;
      const ia = days('STANDARD_IA');
      const glacier = days('GLACIER');
      check(ia === undefined || ia >= 30, id, `Standard-IA after ${ia} days`);
      check(ia === undefined || glacier === undefined || glacier >= ia + 30, id, `Glacier ${glacier - ia} days after Standard-IA`);
      check(rule.ExpirationInDays === undefined || glacier === undefined || rule.ExpirationInDays > glacier, id, 'expiry before the Glacier transition');
      check(rule.NoncurrentVersionExpiration === undefined || rule.NoncurrentVersionExpiration.NoncurrentDays >= 1, id, 'a noncurrent expiry under a day');
      if (rule.Transitions) expiration = rule.ExpirationInDays;
    }
    const lock = bucket.ObjectLockConfiguration?.Rule?.DefaultRetention;
    if (lock) {
      check(bucket.ObjectLockEnabled === true && bucket.VersioningConfiguration?.Status === 'Enabled', id, 'Object Lock without versioning');
      check(expiration === undefined || (lock.Days ?? lock.Years * 365) <= expiration, id, `Object Lock for ${lock.Days} days, past the expiry of ${expiration} days`);
    }
  }

  for (const [id, alias] of ofType('AWS::KMS::Alias')) {
    const name = alias.AliasName;
    check(typeof name !== 'string' || (name.length <= 256 && /^alias\/[a-zA-Z0-9/_-]+$/.test(name) && !name.startsWith('alias/aws/')), id, `alias ${name}`);
  }

  for (const [id, store] of ofType('AWS::CloudTrail::EventDataStore')) {
    const max = LAKE_MAX_RETENTION[store.BillingMode ?? 'EXTENDABLE_RETENTION_PRICING'];
    check(store.RetentionPeriod >= 7 && store.RetentionPeriod <= max, id, `a retention of ${store.RetentionPeriod} days with ${store.BillingMode}`);
  }
  for (const [id, db] of ofType('AWS::Glue::Database')) check(/^[a-z0-9_]{1,255}$/.test(db.DatabaseInput.Name), id, `database ${db.DatabaseInput.Name}`);
  for (const [id, table] of ofType('AWS::Glue::Table')) check(/^[a-z0-9_]{1,255}$/.test(table.TableInput.Name), id, `table ${table.TableInput.Name}`);
  for (const [id, wg] of ofType('AWS::Athena::WorkGroup')) check(/^[a-zA-Z0-9._-]{1,128}$/.test(wg.Name), id, `workgroup ${wg.Name}`);
  return problems;
}

function selectorProblems(id: string, selector: any): string[] {
  const problems: string[] = [];
  const at = `${id} selector "${selector.Name}"`;
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(`${at}: ${what}`);
  };
  check(typeof selector.Name === 'string' && selector.Name.length >= 1 && selector.Name.length <= 1000, 'a name of 1 to 1000 characters');
  const fields: any[] = selector.FieldSelectors;
  const category = fields.find((f) => f.Field === 'eventCategory');
  check(category?.Equals?.length === 1 && FIELDS[category.Equals[0]] !== undefined, 'exactly one eventCategory, with Equals');
  const allowed = FIELDS[category?.Equals?.[0]] ?? [];
  check(new Set(fields.map((f) => f.Field)).size === fields.length, 'each field once');
  for (const field of fields) {
    check(allowed.includes(field.Field), `field ${field.Field}, which ${category?.Equals?.[0]} selectors do not take`);
    const operators = OPERATORS.filter((o) => field[o] !== undefined);
    check(operators.length >= 1, `field ${field.Field} without a condition`);
    if (EQUALS_ONLY.includes(field.Field)) check(operators.every((o) => o === 'Equals'), `${field.Field} with ${operators}`);
    for (const o of operators) {
      check(field[o].length >= 1, `${field.Field} ${o} with no value`);
      for (const value of field[o]) check(typeof value !== 'string' || (value.length >= 1 && value.length <= 2048 && !value.includes('*')), `${field.Field} ${o} ${value}`);
    }
  }
  if (category?.Equals?.[0] === 'Data') {
    const type = fields.find((f) => f.Field === 'resources.type');
    check(type?.Equals?.length === 1, 'a data selector with exactly one resources.type');
  }
  if (category?.Equals?.[0] === 'Management') {
    const source = fields.find((f) => f.Field === 'eventSource');
    check(
      !source || (Object.keys(source).every((k) => k === 'Field' || k === 'NotEquals') && source.NotEquals.every((s: string) => ['kms.amazonaws.com', 'rdsdata.amazonaws.com'].includes(s))),
      'management events can leave out only kms.amazonaws.com and rdsdata.amazonaws.com',
    );
  }
  if (category?.Equals?.[0] === 'NetworkActivity') {
    const source = fields.find((f) => f.Field === 'eventSource');
    check(source?.Equals?.length === 1 && Object.keys(source).length === 2, 'a network activity selector with exactly one eventSource, with Equals');
    const error = fields.find((f) => f.Field === 'errorCode');
    check(!error || (error.Equals.length === 1 && error.Equals[0] === 'VpceAccessDenied'), 'errorCode other than VpceAccessDenied');
  }
  return problems;
}
