import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { PropsWithChildren } from 'react';
import { directory } from '../../../stores/directory';
import { Choices } from '../Choices';
import { ListState } from '../ListState';
import './index.scss';

interface Pick {
  selected: string | null;
  onPick(id: string): void;
}

/** The county's communities as chips (`staff-choice--community-<id>`), read from the directory. */
export const CommunityChoices = observer(({ selected, onPick }: Pick) => (
  <ListState
    source={directory.communities}
    emptyTitle="暂无社区"
    emptyDescription="在“目录管理”中新建社区后可在这里选择"
  >
    {(communities) => (
      <Choices
        name="community"
        options={communities.map((c) => ({ value: c.id, label: c.name }))}
        selected={selected}
        onPick={onPick}
      />
    )}
  </ListState>
));

/** The units paired with one community as chips (`staff-choice--unit-<id>`); says so when there are none. */
export const PairedUnitChoices = observer(({ communityId, selected, onPick }: Pick & { communityId: string }) => (
  <ListState source={directory.units} emptyTitle="暂无单位" emptyDescription="在“目录管理”中新建结对单位后可在这里选择">
    {(units) => {
      const paired = units.filter((u) => u.pairedCommunityId === communityId);
      return paired.length ? (
        <Choices
          name="unit"
          options={paired.map((u) => ({ value: u.id, label: u.name }))}
          selected={selected}
          onPick={onPick}
        />
      ) : (
        <Text className="staff-directory-choices__none">该社区暂无结对单位</Text>
      );
    }}
  </ListState>
));

/** A white panel of choices above a list, each group under its title (选择社区, 选择结对单位 …). */
export function ChoicePanel({ children }: PropsWithChildren) {
  return <View className="staff-choice-panel">{children}</View>;
}

export function ChoiceTitle({ children }: PropsWithChildren) {
  return <Text className="staff-choice-panel__title">{children}</Text>;
}
