import { ok } from '../model/outcome.js';
import { withDestination, type Renderer } from './rendering.js';

/** The plan alone: the contract's `plan` object, each mount with its kind and destination. */
export const renderJson: Renderer = (input) => {
  const document = {
    mounts: input.plan.mounts.map(withDestination(input)).map(({ path, mode, kind, destination }) => ({ path, mode, kind, destination })),
    excluded: input.plan.excluded.map(({ path, reason, kind, cause }) => ({ path, reason, kind, cause })),
  };
  return ok({ text: `${JSON.stringify(document, null, 2)}\n`, notes: [] });
};
