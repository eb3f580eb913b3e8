import { id, obj, optional, str } from '../validation/schema';

export const BINDING_SCHEMAS = {
  pendingBindings: obj('参数', { gridId: optional(id('网格')) }),
  confirmBinding: obj('参数', { userId: id('居民') }),
  rejectBinding: obj('参数', { userId: id('居民'), reason: optional(str('退回原因', { max: 100 })) }),
} as const;
