/** Masking of names and phones: one way for server and client (contract/mask.ts). */
export { maskName, maskPhone } from '../../contract/mask';
