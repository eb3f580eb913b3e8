/** Open311 partner keys as the street admin manages them in the app (the Open311 API itself is HTTP, see docs/OPEN311.md). */
export const PARTNER_KIND_LABELS = { hotline: '12345热线', platform: '城市平台' } as const;
export type PartnerKindInput = keyof typeof PARTNER_KIND_LABELS;

export interface PartnerKeyView {
  id: string;
  name: string;
  kind: PartnerKindInput;
  kindLabel: string;
  /** The key's first characters (wgt_3fa9…), to tell keys apart. */
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
  /** Open311 calls made with the key (from its access log; at most the last 200 are counted). */
  recentCalls: number;
  lastCallAt: string | null;
}

export interface CreatedPartnerKey {
  key: PartnerKeyView;
  /** Shown once: only its SHA-256 is stored. */
  apiKey: string;
}

type Empty = Record<string, never>;

export interface Open311Contract {
  open311: {
    partnerKeys: { input: Empty; output: PartnerKeyView[] };
    createPartnerKey: { input: { name: string; kind: PartnerKindInput }; output: CreatedPartnerKey };
    revokePartnerKey: { input: { id: string }; output: PartnerKeyView };
  };
}
