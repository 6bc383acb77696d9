/** Times as shown in the county: the app's one way (utils/date.ts). */
export { formatDay, formatTime } from '../../../utils/date';
