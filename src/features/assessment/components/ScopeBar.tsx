import { Text, View } from '@tarojs/components';
import type { ScopeInput } from '@core/api/assessment.contract';
import Chips from '../../work/components/Chips';
import { communityOfScope, type ScopeTree } from '../assessment-view';

const key = (s: ScopeInput) => `${s.kind}:${s.id}`;

/** 范围: the street (street staff) → a community → a grid. Choosing a community shows its grids. */
export default function ScopeBar({ tree, value, onChange }: { tree: ScopeTree; value: ScopeInput; onChange: (s: ScopeInput) => void }) {
  const communityId = communityOfScope(tree, value);
  const community = tree.communities.find((c) => c.option.scope.id === communityId) ?? (tree.communities.length === 1 ? tree.communities[0] : undefined);
  const all = new Map<string, ScopeInput>([[key(tree.root.scope), tree.root.scope]]);
  tree.communities.forEach((c) => {
    all.set(key(c.option.scope), c.option.scope);
    c.grids.forEach((g) => all.set(key(g.scope), g.scope));
  });
  const pick = (k: string | null) => onChange(all.get(k ?? '') ?? tree.root.scope);
  const streetLevel = tree.root.scope.kind === 'street';
  return (
    <>
      {streetLevel && (
        <View className="rq-filter">
          <Text className="rq-filter__label">社区</Text>
          <Chips
            className="e2e-scope-community"
            value={communityId ? key({ kind: 'community', id: communityId }) : key(tree.root.scope)}
            options={[{ value: key(tree.root.scope), label: tree.root.label }, ...tree.communities.map((c) => ({ value: key(c.option.scope), label: c.option.label }))]}
            onChange={pick}
          />
        </View>
      )}
      {community && (
        <View className="rq-filter">
          <Text className="rq-filter__label">网格</Text>
          <Chips
            className="e2e-scope-grid"
            value={value.kind === 'grid' ? key(value) : null}
            options={[{ value: null, label: `${community.option.label}全部网格` }, ...community.grids.map((g) => ({ value: key(g.scope), label: g.label }))]}
            onChange={(k) => pick(k ?? key(community.option.scope))}
          />
        </View>
      )}
    </>
  );
}
