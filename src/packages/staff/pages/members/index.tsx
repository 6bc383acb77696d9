import { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { ChoicePanel, ChoiceTitle, CommunityChoices } from '../../../../components/staff/DirectoryChoices';
import { ListState } from '../../../../components/staff/ListState';
import { Screen } from '../../../../components/Screen';
import { session } from '../../../../stores/session';
import { communityMembers, groupByUnit } from '../../../../stores/staff/members';
import { directory } from '../../../../stores/directory';
import { maskPhone } from '../../../../utils/mask';
import { CallButton } from '../../../../components/CallButton';
import './index.scss';

/** The county admin chooses any community; a secretary sees their own. */
const CommunityPicker = observer(() => (
  <ChoicePanel>
    <ChoiceTitle>选择社区</ChoiceTitle>
    <CommunityChoices selected={communityMembers.communityId} onPick={communityMembers.open} />
  </ChoicePanel>
));

/** 社区党员: the in-service members verified in a community, grouped by their unit. */
const CommunityMembers = observer(() => {
  const isCounty = session.staffGrants.some((g) => g.role === 'countyAdmin');
  useLoad((params: Record<string, string | undefined>) => {
    directory.communities.ensure();
    communityMembers.enter(params.communityId ?? null);
  });
  const chosen = communityMembers.communityId;
  const showList = chosen !== null || !isCounty;
  return (
    <Screen>
      {isCounty ? <CommunityPicker /> : null}
      {showList ? (
        <View className="staff-members">
          <ListState
            source={communityMembers.list}
            emptyTitle="暂无已报到党员"
            emptyDescription="党员报到经书记审核通过后列在这里"
          >
            {(members) => (
              <>
                <Text className="staff-members__summary">
                  {chosen ? `${directory.communityName(chosen) ?? chosen} · ` : ''}已报到党员 {members.length} 人
                </Text>
                {groupByUnit(members).map((group) => (
                  <View key={group.unit.id} className="staff-members__group">
                    <Text className="staff-members__unit">
                      {group.unit.name}（{group.members.length} 人）
                    </Text>
                    {group.members.map((m) => (
                      <View key={m.openid} className="staff-members__member">
                        <View className="staff-members__line">
                          <Text className="staff-members__name">{m.name}</Text>
                          {/* The number stays masked on screen; the secretary in scope can still call. */}
                          {m.phone ? <CallButton className="staff-members__call" phone={m.phone} /> : null}
                        </View>
                        <Text className="staff-members__meta">
                          {[m.partyBranch, m.phone ? maskPhone(m.phone) : null].filter(Boolean).join(' · ')}
                        </Text>
                      </View>
                    ))}
                  </View>
                ))}
              </>
            )}
          </ListState>
        </View>
      ) : (
        <Text className="staff-members__hint">请选择一个社区查看其已报到党员</Text>
      )}
    </Screen>
  );
});

export default CommunityMembers;
