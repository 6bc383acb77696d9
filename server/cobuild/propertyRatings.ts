import type { PropertyRatingStatus, PropertyStatsView } from '../../contract/functions/cobuild/property';
import type { PartyOrgKind, PropertyRating } from '../../contract/cobuild';
import type { CallContext } from '../platform/router';

export async function rateProperty(
  _input: { rating: PropertyRating; comment?: string },
  _ctx: CallContext,
): Promise<PropertyRatingStatus> {
  throw new Error('todo');
}

export async function propertyRatingStatus(_input: Record<string, never>, _ctx: CallContext): Promise<PropertyRatingStatus> {
  throw new Error('todo');
}

export async function propertyStats(
  _input: { year?: number; quarter?: number; kind?: PartyOrgKind; companyId?: string },
  _ctx: CallContext,
): Promise<PropertyStatsView> {
  throw new Error('todo');
}
