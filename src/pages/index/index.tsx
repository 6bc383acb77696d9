import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { RoleTags } from '../../components/RoleTags';
import { Workbench } from '../../components/staff/Workbench';
import { loadNamesFor } from '../../packages/staff/lib/scope';
import { Screen } from '../../components/Screen';
import { messages } from '../../stores/messages';
import { myYear } from '../../stores/sixOnesYear';
import { session } from '../../stores/session';
import { AREAS, type Area } from './areas';
import './index.scss';

function open(area: Area) {
  if (area.go === 'soon') void Taro.showToast({ title: '即将开放', icon: 'none' });
  else if ('tab' in area.go) void Taro.switchTab({ url: area.go.tab });
  else void Taro.navigateTo({ url: area.go.page });
}

/** Staff land on the 工作台 of the role they act as (tap another role tag to switch). */
const StaffWork = observer(() => {
  const role = session.activeRole;
  const grant = session.staffGrants.find((g) => g.role === role);
  useEffect(() => loadNamesFor(session.staffGrants), [session.staffGrants]);
  return grant ? <Workbench grant={grant} /> : null;
});

/** What a tile says under its title: a verified member's 六个一 tile says how far the year is. */
function hintOf(area: Area): string {
  if (area.go === 'soon') return '即将开放';
  const year = area.key === 'sixOnes' ? myYear.year.value : null;
  return year ? `今年已完成 ${year.doneCount}/6` : area.hint;
}

const Home = observer(() => {
  const { me, loading, error } = session;
  useDidShow(() => {
    void messages.refreshUnread();
    if (session.isVerifiedMember) myYear.show();
  });
  // The session may arrive after the page is shown.
  useEffect(() => {
    if (session.isVerifiedMember) myYear.show();
  }, [me?.openid, session.isVerifiedMember]); // eslint-disable-line react-hooks/exhaustive-deps -- again for another user
  return (
    <Screen>
      <View className="home__header">
        <Text className="home__brand">同心圆</Text>
        <Text className="home__motto">党建引领 · 共建共治共享</Text>
      </View>

      {error ? <ErrorNotice error={error} onRetry={session.load} /> : null}
      {!error && !me && loading ? <View className="home__loading">加载中…</View> : null}

      {me ? (
        <View className="home__me">
          {/* By name once given; a new user is greeted plainly, never by a made-up nickname. */}
          <Text className="home__greeting">{me.name ? `您好，${me.name}` : '您好'}</Text>
          <RoleTags roles={session.roles} active={session.activeRole} onPick={session.setActiveRole} />
        </View>
      ) : null}

      {me ? <StaffWork /> : null}

      <View className="home__areas">
        {AREAS.filter((area) => !area.verifiedMemberOnly || session.isVerifiedMember).map((area) => (
          <View key={area.key} className={`home__area home__area--${area.key}`} onClick={() => open(area)}>
            <Text className="home__area-title">{area.title}</Text>
            <Text className="home__area-hint">{hintOf(area)}</Text>
          </View>
        ))}
      </View>

      <PrivacyPopup />
    </Screen>
  );
});

export default Home;
