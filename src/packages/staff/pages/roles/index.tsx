import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import { ROLE_LABELS } from '../../../../../contract/roles';
import { EmptyState } from '../../../../components/EmptyState';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Screen } from '../../../../components/Screen';
import { AwaitingCount } from '../../../../components/wish/AwaitingCount';
import { session } from '../../../../stores/session';
import { subscriptions } from '../../../../stores/subscriptions';
import { describeScope, DUTIES, loadNamesFor } from '../../lib/scope';
import { caseMetricsFor, caseWorkFor } from '../../lib/caseTools';
import { toolsFor, type StaffTool } from '../../lib/tools';
import './index.scss';

/** Opens a tool; a queue people wait on first asks for its new-item messages (inside the tap, as WeChat requires). */
const open = (tool: StaffTool) => () => {
  const asked = tool.wait ? subscriptions.ask(tool.wait) : Promise.resolve();
  void asked.then(() => Taro.navigateTo({ url: tool.url }));
};

/**
 * The staff home (我的工作职责): every staff role the user holds, where it may act, and the tools
 * it opens. Someone holding several roles sees all of them here, whichever role is active.
 */
const StaffHome = observer(() => {
  const { me, loading, error } = session;
  const grants = session.staffGrants;

  useEffect(() => loadNamesFor(grants), [grants]);

  if (error) {
    return (
      <Screen>
        <ErrorNotice error={error} onRetry={session.load} />
      </Screen>
    );
  }
  if (!me) {
    return <Screen>{loading ? <View className="staff-home__loading">加载中…</View> : null}</Screen>;
  }
  return (
    <Screen>
      {grants.length === 0 ? <EmptyState title="暂无工作职责" description="您目前没有社区工作人员身份" /> : null}
      <View className="staff-home">
        {grants.map((grant, i) => {
          const tools = [...caseWorkFor(grant), ...toolsFor(grant), ...caseMetricsFor(grant)];
          return (
            <View key={`${grant.role}-${i}`} className={`staff-home__card staff-home__card--${grant.role}`}>
              <Text className="staff-home__label">{ROLE_LABELS[grant.role]}</Text>
              <Text className="staff-home__scope">范围：{describeScope(grant)}</Text>
              <Text className="staff-home__duty">{DUTIES[grant.role]}</Text>
              {tools.length > 0 ? (
                <View className="staff-home__tools">
                  {tools.map((tool) => (
                    <View
                      key={tool.key}
                      className={`staff-home__tool staff-home__tool--${tool.key}`}
                      onClick={open(tool)}
                    >
                      <View className="staff-home__tool-text">
                        <Text className="staff-home__tool-title">{tool.title}</Text>
                        <Text className="staff-home__tool-hint">{tool.hint}</Text>
                      </View>
                      {tool.key === 'wish-awaiting' ? <AwaitingCount /> : null}
                      <Text className="staff-home__tool-arrow">›</Text>
                    </View>
                  ))}
                </View>
              ) : (
                <Text className="staff-home__soon">该角色的工作台即将开放</Text>
              )}
            </View>
          );
        })}
      </View>
    </Screen>
  );
});

export default StaffHome;
