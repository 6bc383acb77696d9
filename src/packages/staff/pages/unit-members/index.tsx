import { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { MemberView } from '../../../../../contract';
import {
  ChoicePanel,
  ChoiceTitle,
  CommunityChoices,
  PairedUnitChoices,
} from '../../../../components/staff/DirectoryChoices';
import { ListState } from '../../../../components/staff/ListState';
import { Screen } from '../../../../components/Screen';
import { session } from '../../../../stores/session';
import { unitMembers } from '../../../../stores/staff/members';
import { directory } from '../../../../stores/directory';
import './index.scss';

const STATUS: Record<MemberView['status'], { label: string; type: 'success' | 'warning' | 'default' }> = {
  verified: { label: '已报到', type: 'success' },
  pending: { label: '待审核', type: 'warning' },
  none: { label: '未报到', type: 'default' },
};

/** The county admin picks a community, then one of its paired units. */
const UnitPicker = observer(() => {
  const communityId = unitMembers.browseCommunityId;
  return (
    <ChoicePanel>
      <ChoiceTitle>选择社区</ChoiceTitle>
      <CommunityChoices selected={communityId} onPick={unitMembers.browse} />
      {communityId ? (
        <>
          <ChoiceTitle>选择结对单位</ChoiceTitle>
          <PairedUnitChoices communityId={communityId} selected={unitMembers.unitId} onPick={unitMembers.open} />
        </>
      ) : null}
    </ChoicePanel>
  );
});

/** 本单位党员: a unit's in-service members, the community each reported to, and whether it is verified. */
const UnitMembers = observer(() => {
  const isCounty = session.staffGrants.some((g) => g.role === 'countyAdmin');
  useLoad((params: Record<string, string | undefined>) => {
    directory.communities.ensure();
    directory.units.ensure();
    unitMembers.enter(params.unitId ?? null);
  });
  const showList = unitMembers.unitId !== null || !isCounty;
  const { verified, pending } = unitMembers.counts;
  return (
    <Screen>
      {isCounty ? <UnitPicker /> : null}
      {showList ? (
        <View className="staff-unit-members">
          <ListState
            source={unitMembers.list}
            emptyTitle="暂无党员报到"
            emptyDescription="本单位党员到社区报到后列在这里"
          >
            {(members) => (
              <>
                <Text className="staff-unit-members__summary">
                  {members[0]?.unit.name ?? ''} · 共 {members.length} 人，已报到 {verified} 人，待审核 {pending} 人
                </Text>
                {members.map((m) => (
                  <View key={m.openid} className="staff-unit-members__member">
                    <View className="staff-unit-members__who">
                      <Text className="staff-unit-members__name">{m.name}</Text>
                      <Text className="staff-unit-members__meta">
                        {m.community ? `报到社区：${m.community.name}` : '尚未报到'}
                        {m.partyBranch ? ` · ${m.partyBranch}` : ''}
                      </Text>
                    </View>
                    <Tag type={STATUS[m.status].type}>{STATUS[m.status].label}</Tag>
                  </View>
                ))}
              </>
            )}
          </ListState>
        </View>
      ) : (
        <Text className="staff-unit-members__hint">请选择一个单位查看其党员报到情况</Text>
      )}
    </Screen>
  );
});

export default UnitMembers;
