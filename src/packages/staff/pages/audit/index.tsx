import { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { AuditEntry } from '../../../../../contract';
import { ListState } from '../../../../components/staff/ListState';
import { Screen } from '../../../../components/Screen';
import { auditLog } from '../../../../stores/staff/audit';
import { directory } from '../../../../stores/directory';
import { describeAudit } from '../../lib/auditText';
import { formatTime } from '../../lib/format';
import './index.scss';

const Entry = observer(({ entry }: { entry: AuditEntry }) => {
  const { headline, changes } = describeAudit(entry);
  return (
    <View className="staff-audit__entry" id={`audit-${entry.id}`}>
      <Text className="staff-audit__headline">{headline}</Text>
      <Text className="staff-audit__who">
        {entry.byName || entry.by} · {formatTime(entry.at)}
      </Text>
      {changes.length === 0 ? <Text className="staff-audit__change">（内容未变）</Text> : null}
      {changes.map((c) => (
        <View key={c.label} className="staff-audit__change">
          <Text className="staff-audit__field">{c.label}：</Text>
          {c.before !== null ? (
            <>
              <Text className="staff-audit__before">{c.before}</Text>
              <Text className="staff-audit__arrow"> → </Text>
            </>
          ) : null}
          <Text className="staff-audit__after">{c.after}</Text>
        </View>
      ))}
    </View>
  );
});

/** 操作记录 (county admin): who changed the directory or someone's roles, when, and what, before → after. */
const AuditLog = observer(() => {
  useLoad(() => {
    auditLog.open();
    // Ids in the entries are shown as names.
    directory.communities.ensure();
    directory.units.ensure();
    directory.departments.ensure();
  });
  return (
    <Screen>
      <View className="staff-audit">
        <ListState
          source={auditLog.list}
          emptyTitle="暂无操作记录"
          emptyDescription="修改目录或授予、撤销角色后，这里会记下谁在何时改了什么"
        >
          {(entries) => (
            <>
              {entries.map((e) => (
                <Entry key={e.id} entry={e} />
              ))}
              {auditLog.canShowMore ? (
                <Button className="staff-audit__more" block onClick={auditLog.showMore}>
                  显示更多（最近 100 条）
                </Button>
              ) : null}
            </>
          )}
        </ListState>
      </View>
    </Screen>
  );
});

export default AuditLog;
