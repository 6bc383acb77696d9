import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import { CaseCard } from '../../components/case/CaseCard';
import { CASE_ROUTES, caseUrl } from '../../components/case/routes';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { Screen } from '../../components/Screen';
import { WishList } from '../../components/wish/WishList';
import { cases } from '../../stores/cases';
import { session } from '../../stores/session';
import { messages } from '../../stores/messages';
import './index.scss';

const go = (url: string) => void Taro.navigateTo({ url });

/** The handlers' own lists, one tap away: 网格诉求, 社区诉求, 吹哨报到. */
const StaffEntries = observer(() => {
  const roles = session.roles;
  const entries = [
    roles.includes('gridWorker') && { key: 'grid', title: '网格诉求', url: `${CASE_ROUTES.queue}?as=grid` },
    roles.includes('secretary') && { key: 'community', title: '社区诉求', url: `${CASE_ROUTES.queue}?as=community` },
    roles.includes('department') && { key: 'inbox', title: '吹哨报到', url: CASE_ROUTES.inbox },
  ].filter((e): e is { key: string; title: string; url: string } => Boolean(e));
  if (entries.length === 0) return null;
  return (
    <View className="cases__entries">
      {entries.map((e) => (
        <View key={e.key} className={`cases__entry cases__entry--${e.key}`} onClick={() => go(e.url)}>
          <Text className="cases__entry-title">{e.title}</Text>
        </View>
      ))}
    </View>
  );
});

const Mine = observer(() => (
  <>
    <View className="cases__intro">
      <Text className="cases__intro-title">身边有问题，随手反映</Text>
      <Text className="cases__intro-text">
        先由您所在网格的网格员就近办理；网格办不了的交社区办理，社区解决不了的请职能部门到场一起办（“吹哨报到”），件件有回音。
      </Text>
      <Button className="cases__report" type="primary" size="large" block onClick={() => go(CASE_ROUTES.submit)}>
        我要反映
      </Button>
    </View>
    <StaffEntries />
    <Text className="cases__heading">我的诉求</Text>
    <WishList source={cases.mine} emptyTitle="您还没有反映过诉求" emptyDescription="点上面的“我要反映”，拍照说明问题">
      {(items) =>
        items.map((item) => <CaseCard key={item.id} item={item} kind="mine" onTap={() => go(caseUrl(item.id))} />)
      }
    </WishList>
  </>
));

/** 诉求 tab (民情诉求): 我要反映, the handlers' lists, and 我的诉求 with their status (complaint.mine). */
const Cases = observer(() => {
  const { me, error } = session;
  useDidShow(cases.showMine);
  useDidShow(() => void messages.refreshUnread());
  // The session may arrive after the tab is shown.
  useEffect(() => {
    if (me) cases.showMine();
  }, [me?.openid]); // eslint-disable-line react-hooks/exhaustive-deps -- reads again for another user only
  usePullDownRefresh(() => void cases.mine.load().then(() => Taro.stopPullDownRefresh()));
  return (
    <Screen>
      {error && !me ? <ErrorNotice error={error} onRetry={session.load} /> : null}
      {!error && !me ? <Loading /> : null}
      {me ? <Mine /> : null}
      <PrivacyPopup />
    </Screen>
  );
});

export default Cases;
