import { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import { ROLE_LABELS } from '../../../../../contract/roles';
import { EmptyState } from '../../../../components/EmptyState';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Screen } from '../../../../components/Screen';
import { openTool } from '../../../../components/staff/Workbench';
import { session } from '../../../../stores/session';
import { TODO_TOOL, todosOf, workbench } from '../../../../stores/workbench';
import { describeScope, DUTIES, loadNamesFor } from '../../lib/scope';
import { caseMetricsFor, caseWorkFor } from '../../lib/caseTools';
import { toolsFor } from '../../lib/tools';
import './index.scss';

/** How many wait in a tool's queue (工作台's counts), red when some are past their deadline; nothing while none. */
const TodoCount = observer(({ role, tool }: { role: string; tool: string }) => {
  const todos = todosOf(workbench.value, role).filter((t) => TODO_TOOL[t.key] === tool && t.key !== 'extensions');
  const count = todos.reduce((n, t) => n + t.count, 0);
  if (!count) return null;
  const late = todos.some((t) => t.overdue > 0);
  return (
    <Text className={`staff-home__count${late ? ' staff-home__count--late' : ''}`}>{count > 99 ? '99+' : count}</Text>
  );
});

/**
 * The staff home (我的工作职责): every staff role the user holds, where it may act, and the tools
 * it opens. Someone holding several roles sees all of them here, whichever role is active.
 */
const StaffHome = observer(() => {
  const { me, loading, error } = session;
  const grants = session.staffGrants;

  useEffect(() => loadNamesFor(grants), [grants]);
  useEffect(() => void workbench.load(), []);
  useDidShow(() => void workbench.load());

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
      {grants.length === 0 ? (
        <EmptyState title="暂无工作职责" description="社区书记或党工委为您授予职责后会显示在这里" />
      ) : null}
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
                      onClick={openTool(tool)}
                    >
                      <View className="staff-home__tool-text">
                        <Text className="staff-home__tool-title">{tool.title}</Text>
                        <Text className="staff-home__tool-hint">{tool.hint}</Text>
                      </View>
                      <TodoCount role={grant.role} tool={tool.key} />
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
