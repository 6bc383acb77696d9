import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Avatar, Button, Cell, Switch, Tag } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import { ROLE_LABELS } from '../../../contract/roles';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { RoleTags } from '../../components/RoleTags';
import { Screen } from '../../components/Screen';
import { SIX_ONES_ROUTES } from '../../components/sixOnes/routes';
import { ROUTES } from '../../routes';
import { directory } from '../../stores/directory';
import { messages } from '../../stores/messages';
import { session } from '../../stores/session';
import { subscriptions } from '../../stores/subscriptions';
import { maskPhone } from '../../utils/mask';
import './index.scss';

const go = (url: string) => () => void Taro.navigateTo({ url });

const Profile = observer(() => {
  const { me } = session;
  if (!me) return null;
  const { phone } = me;
  return (
    <View className="mine__profile">
      <Avatar size="large" background="#c8161d" color="#fff">
        {me.displayName.slice(0, 1)}
      </Avatar>
      <View className="mine__who">
        <Text className="mine__name">{me.displayName}</Text>
        {phone ? <Text className="mine__phone">{maskPhone(phone)}</Text> : null}
        <RoleTags roles={session.roles} active={session.activeRole} />
      </View>
    </View>
  );
});

/** The address as the resident gave it: the community's name and the building (门牌), or the building picked. */
function addressText(): string {
  const address = session.me?.address;
  if (!address) return '未填写';
  const community = directory.communityName(address.communityId) ?? '';
  const building =
    address.building ||
    directory
      .community(address.communityId)
      .value?.grids.flatMap((g) => g.microGrids)
      .find((m) => m.id === address.microGridId)?.name ||
    '';
  return [community, building].filter(Boolean).join(' ') || '已填写';
}

/** 双报到 in a word: 已报到 社区名 (a move may be waiting too), 待审核, 未报到. */
function memberStatusText(): string {
  switch (session.memberStatus) {
    case 'verified': {
      const name = directory.communityName(session.memberGrant?.communityId ?? '') ?? '';
      return `已报到 ${name}${session.me?.pendingReport ? '（转社区待审核）' : ''}`.trim();
    }
    case 'pending':
      return '待审核';
    default:
      return '未报到';
  }
}

/** 个人信息 and 党员双报到: what the resident gave and where they reported, each with its page. */
const PersonalCells = observer(() => {
  const { me } = session;
  const communityId = me?.address?.communityId;
  const needsBuildingName = Boolean(me?.address && !me.address.building);
  const member = session.memberGrant !== null;
  // Names for what `me` holds as ids: the community (address, member grant), the building.
  useEffect(() => {
    if (communityId || member) directory.communities.ensure();
    if (communityId && needsBuildingName) directory.community(communityId).ensure();
  }, [communityId, member, needsBuildingName]);
  if (!me) return null;
  return (
    <>
      <Cell.Group title="个人信息">
        <Cell title="住址" extra={addressText()} />
        <Cell
          className="mine__edit-profile"
          title={session.profileComplete ? '修改个人信息' : '完善个人信息'}
          description={session.profileComplete ? undefined : '填写姓名、手机号和住址，找到您的网格员'}
          clickable
          extra={session.profileComplete ? '修改' : '去填写'}
          onClick={go(ROUTES.profile)}
        />
      </Cell.Group>
      <Cell.Group title="在职党员">
        <Cell
          className="mine__member-report"
          title="党员双报到"
          clickable
          extra={
            <Text className={`mine__member-status mine__member-status--${session.memberStatus}`}>
              {memberStatusText()}
            </Text>
          }
          onClick={go(ROUTES.memberReport)}
        />
        {session.isVerifiedMember ? (
          <>
            <Cell
              className="mine__activities"
              title="社区活动"
              description="报名参加活动，到场扫码签到"
              clickable
              extra="查看"
              onClick={go(SIX_ONES_ROUTES.activities)}
            />
            <Cell
              className="mine__six-ones"
              title="我的六个一"
              description="今年的完成情况和记录"
              clickable
              extra="查看"
              onClick={go(SIX_ONES_ROUTES.sixOnes)}
            />
            <Cell title="六个一 说明" clickable extra="查看" onClick={go(ROUTES.sixOnesGuide)} />
          </>
        ) : null}
      </Cell.Group>
    </>
  );
});

/** 消息 with its unread count, and 消息提醒: WeChat's subscribe messages, on again after a refusal. */
const MessageCells = observer(() => (
  <Cell.Group title="消息">
    <Cell
      className="mine__messages"
      title="消息"
      description="办理进度、审核结果和待办提醒"
      clickable
      extra={
        messages.unread > 0 ? (
          <Text className="mine__unread">{messages.unread > 99 ? '99+' : messages.unread} 条未读</Text>
        ) : (
          '查看'
        )
      }
      onClick={go(ROUTES.messages)}
    />
    <Cell
      className="mine__subscribe"
      title="微信消息提醒"
      description={
        subscriptions.refused.length > 0
          ? '您关闭了部分提醒，重要进度可能不能及时收到'
          : '办理进度会通过微信服务通知提醒您'
      }
      clickable
      extra={subscriptions.refused.length > 0 ? '开启消息提醒' : '已开启'}
      onClick={() => void subscriptions.enable()}
    />
  </Cell.Group>
));

/** Holding several roles: choose which one the app acts as. */
const RoleSwitcher = observer(() =>
  session.roles.length > 1 ? (
    <Cell.Group title="切换身份">
      {session.roles.map((role) => (
        <Cell
          key={role}
          title={ROLE_LABELS[role]}
          clickable
          extra={role === session.activeRole ? <Tag type="primary">当前</Tag> : '切换'}
          onClick={() => session.setActiveRole(role)}
        />
      ))}
    </Cell.Group>
  ) : null,
);

const Mine = observer(() => {
  const { me, error, loading } = session;
  useDidShow(() => void messages.refreshUnread());
  return (
    <Screen>
      {error ? <ErrorNotice error={error} onRetry={session.load} /> : null}
      {!error && !me && loading ? <View className="mine__loading">加载中…</View> : null}
      <Profile />
      {me ? <MessageCells /> : null}
      <PersonalCells />
      {me ? (
        <Cell.Group title="微心愿">
          <Cell className="mine__wishes" title="我的心愿" clickable extra="查看" onClick={go(ROUTES.wishMine)} />
          {session.isVerifiedMember ? (
            <Cell className="mine__claims" title="我的认领" clickable extra="查看" onClick={go(ROUTES.wishClaims)} />
          ) : null}
        </Cell.Group>
      ) : null}
      <RoleSwitcher />

      <Cell.Group title="设置">
        <Cell
          title="大字模式"
          description="放大全部文字，方便老年人阅读"
          extra={<Switch checked={session.largeText} onChange={session.setLargeText} />}
        />
        <Cell
          title="隐私授权"
          extra={session.privacyAccepted ? '已同意' : '未同意'}
          clickable={!session.privacyAccepted}
          // NutUI calls its onClick unconditionally: an `undefined` handler throws on the tap.
          onClick={() => {
            if (!session.privacyAccepted) session.reopenPrivacy();
          }}
        />
        <Cell title="用户隐私保护指引" clickable extra="查看" onClick={go(ROUTES.privacyGuide)} />
        {session.staffGrants.length > 0 ? (
          <Cell className="mine__staff" title="我的工作职责" clickable extra="查看" onClick={go(ROUTES.staffRoles)} />
        ) : null}
      </Cell.Group>

      {process.env.TARO_ENV === 'h5' ? (
        <View className="mine__demo">
          <Button block onClick={go(ROUTES.demoPicker)}>
            切换演示身份
          </Button>
        </View>
      ) : null}

      <PrivacyPopup />
    </Screen>
  );
});

export default Mine;
