import { Fragment } from 'react';
import { Text, View } from '@tarojs/components';

export interface Crumb {
  label: string;
  /** Going back to this step; the current step has none. */
  onClick?: () => void;
}

/** Where the person is in the steps, each earlier step tappable to change it. */
export default function Crumbs({ items }: { items: Crumb[] }) {
  return (
    <View className="crumbs e2e-crumbs">
      {items.map((c, i) => (
        <Fragment key={`${i}-${c.label}`}>
          {i > 0 && <Text className="crumbs__sep">›</Text>}
          <Text className={c.onClick ? 'crumbs__item crumbs__item--link' : 'crumbs__item crumbs__item--current'} onClick={c.onClick}>
            {c.label}
          </Text>
        </Fragment>
      ))}
    </View>
  );
}
