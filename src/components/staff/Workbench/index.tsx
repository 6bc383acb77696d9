import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import type { RoleGrant } from '../../../../contract';
import { ROLE_LABELS } from '../../../../contract/roles';
import { caseWorkFor } from '../../../packages/staff/lib/caseTools';
import { describeScope } from '../../../packages/staff/lib/scope';
import { toolsFor, type StaffTool } from '../../../packages/staff/lib/tools';
import { subscriptions } from '../../../stores/subscriptions';
import { TODO_TITLE, TODO_TOOL, todosOf, workbench } from '../../../stores/workbench';
import './index.scss';

/** Opens a tool; a queue people wait on first asks for its new-item messages (inside the tap, as WeChat requires). */
export const openTool = (tool: StaffTool) => () => {
  const asked = tool.wait ? subscriptions.ask(tool.wait) : Promise.resolve();
  void asked.then(() => Taro.navigateTo({ url: tool.url }));
};

/**
 * 工作台 of one staff grant: its to-dos, those past a deadline first, each with how many wait
 * and how many are overdue, opening its queue. Read again whenever the page is shown.
 */
export const Workbench = observer(({ grant }: { grant: RoleGrant }) => {
  useEffect(() => void workbench.load(), []);
  useDidShow(() => void workbench.load());
  const tools = [...caseWorkFor(grant), ...toolsFor(grant)];
  const todos = [...todosOf(workbench.value, grant.role)].sort(
    (a, b) => Number(b.overdue > 0) - Number(a.overdue > 0) || b.count - a.count,
  );
  const waiting = todos.reduce((n, t) => n + t.count, 0);
  return (
    <View className={`workbench workbench--${grant.role}`}>
      <View className="workbench__head">
        <Text className="workbench__title">工作台 · {ROLE_LABELS[grant.role]}</Text>
        <Text className="workbench__scope">{describeScope(grant)}</Text>
      </View>
      {workbench.value === null ? (
        <Text className="workbench__note">{workbench.error ? '待办读取失败，下拉或稍后再试' : '正在读取待办…'}</Text>
      ) : todos.length === 0 ? (
        // A role with no queue of its own (the county admin supervises): its tools, one tap away.
        <View className="workbench__tools">
          {tools.map((tool) => (
            <View key={tool.key} className={`workbench__tool workbench__tool--${tool.key}`} onClick={openTool(tool)}>
              <Text className="workbench__tool-title">{tool.title}</Text>
              <Text className="workbench__tool-hint">{tool.hint}</Text>
            </View>
          ))}
        </View>
      ) : waiting === 0 ? (
        <Text className="workbench__note workbench__note--clear">暂无待办，辛苦了</Text>
      ) : null}
      <View className="workbench__todos">
        {todos.map((todo) => {
          const tool = tools.find((x) => x.key === TODO_TOOL[todo.key]);
          if (!tool) return null;
          return (
            <View
              key={todo.key}
              className={`workbench__todo workbench__todo--${todo.key}${todo.count === 0 ? ' workbench__todo--none' : ''}`}
              onClick={openTool(tool)}
            >
              <Text className="workbench__count">{todo.count > 99 ? '99+' : todo.count}</Text>
              <Text className="workbench__label">{TODO_TITLE[todo.key]}</Text>
              {todo.overdue > 0 ? <Text className="workbench__overdue">超期 {todo.overdue}</Text> : null}
            </View>
          );
        })}
      </View>
    </View>
  );
});
