import { isResource } from '../app-templates';
import { CheckRule, COMPLIANT, unknown } from '../check-rule';
import { LinkKind } from '../delivery-chains';

const PROPERTIES: Record<LinkKind, string> = { bucket: 'S3BucketName', key: 'KMSKeyId', logGroup: 'CloudWatchLogsLogGroupArn' };

export const TRAIL_DELIVERY_CHAIN_IN_APP: CheckRule = {
  id: 'TrailDeliveryChainInApp',
  subject: 'trail',
  controls: 'All the bucket, key and log group rules of this pack',
  description: "The trail's bucket, key and log group are resources of this app, so that the pack can judge them. One outside the app (another app, Control Tower) or named by a deploy-time value is reported as unknown, never passed.",
  fix: 'Judge the bucket, key and log group with the pack in the app that deploys them, then acknowledge this finding on the trail.',
  check(trail, chains) {
    const outside = (Object.keys(PROPERTIES) as LinkKind[])
      .map((kind) => ({ kind, link: chains.linkOf(trail, kind) }))
      .filter(({ link }) => link !== undefined && !isResource(link));
    if (outside.length === 0) return COMPLIANT;
    return unknown(PROPERTIES[outside[0].kind], outside.map(({ kind, link }) => `${PROPERTIES[kind]} is ${link}`).join('; '));
  },
};
