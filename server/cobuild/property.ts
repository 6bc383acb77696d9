import type { cobuildProperty } from '../../contract/functions/cobuild/property';
import type { Handlers } from '../platform/router';
import { propertyRatingStatus, propertyStats, rateProperty } from './propertyRatings';

export const propertyHandlers: Handlers<typeof cobuildProperty> = { rateProperty, propertyRatingStatus, propertyStats };
