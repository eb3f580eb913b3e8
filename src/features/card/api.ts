import type { MyCardEdit, UpdateCardInput } from '@core/api/contract';
import type { ContactCardView } from '@core/contact-card/contact-card';
import { cloud } from '../../lib/cloud';

export const cardApi = {
  /** The resident's own grid's card. */
  myCard: (): Promise<ContactCardView> => cloud.call('grid', 'myCard', {}),
  ofGrid: (gridId: string): Promise<ContactCardView> => cloud.call('grid', 'card', { gridId }),
  myCardEdit: (): Promise<MyCardEdit> => cloud.call('grid', 'myCardEdit', {}),
  updateMyCard: (input: UpdateCardInput): Promise<MyCardEdit> => cloud.call('grid', 'updateMyCard', input),
  uploadPhoto: (localPath: string): Promise<string> => cloud.uploadImage(localPath),
};
