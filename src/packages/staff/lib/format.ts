/** Times as shown in the county: the app's one way (utils/date.ts). */
export { formatTime } from '../../../utils/date';
