import { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Cell } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Screen } from '../../../../components/Screen';
import { demoUsers } from '../../../../stores/dev/demoUsers';
import './index.scss';

/** h5 demo only: act as one of the local server's seeded users. */
const DemoPicker = observer(() => {
  useLoad(() => void demoUsers.users.load());
  return (
    <Screen>
      <Text className="demo-pick__intro">本地演示环境：选择一个身份进入。真实小程序中身份来自微信。</Text>
      {demoUsers.users.error ? <ErrorNotice error={demoUsers.users.error} onRetry={demoUsers.users.load} /> : null}
      {demoUsers.users.loading ? <View className="demo-pick__loading">加载中…</View> : null}
      {demoUsers.groups.map((group) => (
        <Cell.Group key={group.role} title={group.heading}>
          {group.users.map((user) => (
            <Cell
              key={user.openid}
              className="demo-pick__user"
              title={user.name}
              description={user.label}
              clickable
              onClick={() => demoUsers.pick(user.openid)}
            />
          ))}
        </Cell.Group>
      ))}
    </Screen>
  );
});

export default DemoPicker;
