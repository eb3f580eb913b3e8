import { none, obj, oneOf, str } from '../validation/schema';

export const OPEN311_SCHEMAS = {
  partnerKeys: none,
  createPartnerKey: obj('参数', { name: str('对接系统名称', { min: 2, max: 30 }), kind: oneOf('对接系统类型', ['hotline', 'platform'] as const) }),
  // A key id is the SHA-256 (hex) of the key.
  revokePartnerKey: obj('参数', { id: str('密钥', { min: 64, max: 64, pattern: /^[0-9a-f]{64}$/, patternMessage: '密钥编号无效' }) }),
} as const;
