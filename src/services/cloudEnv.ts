/**
 * The CloudBase environment id the weapp build calls. Replace it with the production
 * environment's id before uploading (see docs/deployment.md).
 */
export const CLOUD_ENV = 'tongxinyuan-prod';
