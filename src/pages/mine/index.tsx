import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Avatar, Button, Cell, Switch, Tag } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { ROLE_LABELS } from '../../../contract/roles';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { RoleTags } from '../../components/RoleTags';
import { Screen } from '../../components/Screen';
import { ROUTES } from '../../routes';
import { session } from '../../stores/session';
import { maskPhone } from '../../utils/mask';
import './index.scss';

const go = (url: string) => () => void Taro.navigateTo({ url });

const Profile = observer(() => {
  const { me } = session;
  if (!me) return null;
  // `account.me` carries no phone yet; shown masked once it does.
  const phone = (me as typeof me & { phone?: string | null }).phone;
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
  return (
    <Screen>
      {error ? <ErrorNotice error={error} onRetry={session.load} /> : null}
      {!error && !me && loading ? <View className="mine__loading">加载中…</View> : null}
      <Profile />
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
          onClick={session.privacyAccepted ? undefined : session.reopenPrivacy}
        />
        <Cell title="用户隐私保护指引" clickable extra="查看" onClick={go(ROUTES.privacyGuide)} />
        {session.roles.includes('member') ? (
          <Cell title="六个一 说明" clickable extra="查看" onClick={go(ROUTES.sixOnesGuide)} />
        ) : null}
        {session.staffGrants.length > 0 ? (
          <Cell title="我的工作职责" clickable extra="查看" onClick={go(ROUTES.staffRoles)} />
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
