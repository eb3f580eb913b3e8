import { openEmbeddedStore } from '../adapters/embedded/embedded-store';
import { rerunningTransactions } from './rerun-transactions';
import { smallStreet } from './small-street.fixture';

describe('rerunningTransactions', () => {
  it('runs every transaction twice, keeps only the second run`s writes and answers with its result', async () => {
    const embedded = openEmbeddedStore(':memory:');
    await embedded.importPlaces(smallStreet());
    const store = rerunningTransactions(embedded);
    let runs = 0;
    const user = (await store.users.getById('r1'))!;
    const answer = await store.transact(async (tx) => {
      runs++;
      await tx.users.setResidence('r1', null);
      return runs;
    });
    expect([runs, answer]).toEqual([2, 2]);
    expect((await store.users.getById('r1'))!.residence).toBeNull();
    expect(user.residence).not.toBeNull();
    await expect(store.transact(async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await embedded.close();
  });
});
