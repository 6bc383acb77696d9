import Taro, { useDidShow, useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useRef, type ReactNode } from 'react';
import type { ProjectView } from '../../../../../contract';
import { NEED_STATUS_LABELS, PROJECT_STATUS_LABELS, RESOURCE_STATUS_LABELS } from '../../../../../contract/cobuild';
import { ConfirmDialog } from '../../../../components/ConfirmDialog';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Field } from '../../../../components/Field';
import { Loading } from '../../../../components/Loading';
import { Screen } from '../../../../components/Screen';
import { Choices } from '../../../../components/staff/Choices';
import { ReasonInput } from '../../../../components/staff/ReasonInput';
import { PhotoGrid } from '../../../../components/wish/PhotoGrid';
import { PhotoPicker } from '../../../../components/wish/PhotoPicker';
import { ROUTES } from '../../../../routes';
import { projectDetail as store } from '../../../../stores/cobuild/projects';
import { formatDay, formatTime } from '../../../../utils/date';
import '../../lib/cobuild.scss';

function Row({ k, children }: { k: string; children: ReactNode }) {
  return (
    <View className="cobuild__row">
      <Text className="cobuild__key">{k}</Text>
      <Text className="cobuild__value">{children}</Text>
    </View>
  );
}

function Summary({ p }: { p: ProjectView }) {
  return (
    <View className="cobuild__card cobuild__summary">
      <View className="cobuild__head">
        <Text className={`cobuild__status cobuild__status--${p.status}`}>{PROJECT_STATUS_LABELS[p.status]}</Text>
        <Text className="cobuild__muted">{p.year} 年</Text>
      </View>
      <Text className="cobuild__title">{p.title}</Text>
      <Text className="cobuild__text">{p.goal}</Text>
      <View className="cobuild__rows">
        <Row k="社区">{p.communityName}</Row>
        <Row k="共建单位">{p.units.map((u) => u.name).join('、')}</Row>
        <Row k="社区负责人">{p.leads.community.name}</Row>
        <Row k="单位负责人">{p.leads.unit.name}</Row>
        {p.startedAt ? <Row k="启动">{formatDay(p.startedAt)}</Row> : null}
        {p.status === 'done' ? (
          <Row k="居民评价">
            {p.rating.count > 0 ? `${p.rating.average?.toFixed(1)} 星（${p.rating.count} 人）` : '暂无'}
          </Row>
        ) : null}
      </View>
      {p.dropReason ? <Text className="cobuild__warn">终止原因：{p.dropReason}</Text> : null}
    </View>
  );
}

function Links({ p }: { p: ProjectView }) {
  return (
    <View className="cobuild__card">
      <Text className="cobuild__heading">对接的需求（{p.needs.length}）</Text>
      {p.needs.map((n) => (
        <View key={n.id} className="cobuild__item">
          <Text className="cobuild__line">
            {n.title}（{n.category}，{n.quantity} {n.quantityUnit}）
          </Text>
          <Text className="cobuild__muted">{NEED_STATUS_LABELS[n.status]}</Text>
        </View>
      ))}
      <Text className="cobuild__heading">投入的资源（{p.resources.length}）</Text>
      {p.resources.map((r) => (
        <View key={r.id} className="cobuild__item">
          <Text className="cobuild__line">
            {r.unitName}：{r.title}（{r.category}）
          </Text>
          <Text className="cobuild__muted">{RESOURCE_STATUS_LABELS[r.status]}</Text>
        </View>
      ))}
    </View>
  );
}

function Milestones({ p }: { p: ProjectView }) {
  return (
    <View className="cobuild__card cobuild__milestones">
      <Text className="cobuild__heading">
        进度节点（已完成 {p.milestones.done}/{p.milestones.total}）
      </Text>
      {p.milestoneList.map((m) => (
        <View key={m.id} className="cobuild__item" id={`milestone-${m.id}`}>
          <Text className="cobuild__line">
            {m.doneAt ? '✓ ' : '○ '}
            {m.title}
          </Text>
          <Text className="cobuild__muted">
            {m.doneAt ? `${formatDay(m.doneAt)}完成` : `计划 ${formatDay(m.dueAt)}前完成`}
          </Text>
        </View>
      ))}
    </View>
  );
}

function Updates({ p }: { p: ProjectView }) {
  return (
    <View className="cobuild__card cobuild__updates">
      {p.result ? (
        <View className="cobuild__item cobuild__result">
          <Text className="cobuild__heading">共建成效</Text>
          <Text className="cobuild__text">{p.result.note}</Text>
          {p.result.photos.length > 0 ? <PhotoGrid photos={p.result.photos} name="result" /> : null}
          <Text className="cobuild__muted">
            {p.result.by.name} · {formatTime(p.result.at)}
          </Text>
        </View>
      ) : null}
      <Text className="cobuild__heading">进展（{p.updates.length}）</Text>
      {p.updates.length === 0 ? <Text className="cobuild__muted">还没有进展记录</Text> : null}
      {p.updates.map((u) => (
        <View key={u.id} className="cobuild__item cobuild__update">
          <Text className="cobuild__text">{u.note}</Text>
          {u.milestoneId ? (
            <Text className="cobuild__muted">
              完成节点：{p.milestoneList.find((m) => m.id === u.milestoneId)?.title ?? ''}
            </Text>
          ) : null}
          {u.photos.length > 0 ? <PhotoGrid photos={u.photos} name="update" /> : null}
          <Text className="cobuild__muted">
            {u.by.side === 'unit' ? (u.by.unitName ?? '共建单位') : '社区'} {u.by.name} · {formatTime(u.at)}
          </Text>
        </View>
      ))}
    </View>
  );
}

/** 记录进展 / 完成项目: a note, own photos, (进展) a milestone marked done. */
const NoteForm = observer(({ p }: { p: ProjectView }) => {
  const finish = store.step === 'finish';
  const open = p.milestoneList.filter((m) => !m.doneAt);
  return (
    <View className="cobuild__card cobuild-step">
      <Text className="cobuild__heading">{finish ? '完成项目' : '记录进展'}</Text>
      <Field name="note" label={finish ? '共建成效' : '进展情况'} error={store.noteError}>
        <TextArea
          className="cobuild__textarea cobuild-step__note"
          value={store.note}
          maxLength={1000}
          placeholder={finish ? '做了什么、惠及多少居民（居民可以看到）' : '这次做了什么，5 字以上'}
          onChange={store.setNote}
        />
      </Field>
      {!finish && open.length > 0 ? (
        <Field name="milestone" label="完成了哪个节点" optional>
          <Choices
            name="milestone"
            options={open.map((m) => ({ value: m.id, label: m.title }))}
            selected={store.milestoneId}
            onPick={store.pickMilestone}
          />
        </Field>
      ) : null}
      <Field name="photos" label="照片" optional hint="最多 9 张">
        <PhotoPicker set={store.photos} name="cobuild" />
      </Field>
      {store.sending.error ? <ErrorNotice error={store.sending.error} /> : null}
      <View className="cobuild__actions">
        <Button className="cobuild-step__cancel" onClick={store.close}>
          取消
        </Button>
        <Button
          className="cobuild-step__send"
          type="primary"
          loading={store.sending.busy}
          onClick={() => void store.send()}
        >
          {finish ? '确认完成' : '提交进展'}
        </Button>
      </View>
    </View>
  );
});

const Dialogs = observer(({ p }: { p: ProjectView }) => {
  if (store.step === 'start')
    return (
      <ConfirmDialog
        prefix="staff-confirm"
        title="启动项目"
        message={`启动「${p.title}」？启动后可记录进展，对方会收到通知。`}
        confirmText="确认启动"
        busy={store.sending.busy}
        error={store.sending.error}
        onConfirm={() => void store.send()}
        onCancel={store.close}
      />
    );
  if (store.step === 'drop')
    return (
      <ConfirmDialog
        prefix="staff-confirm"
        title="终止项目"
        message={`终止「${p.title}」？它对接的需求和资源将可再用于其他项目。`}
        confirmText="确认终止"
        danger
        busy={store.sending.busy}
        error={store.sending.error}
        onConfirm={() => void store.send()}
        onCancel={store.close}
      >
        <ReasonInput
          name="drop"
          value={store.reason}
          error={store.reasonError}
          placeholder="例如：单位人员调整，明年再办"
          onChange={store.setReason}
        />
      </ConfirmDialog>
    );
  return null;
});

const Actions = observer(({ p }: { p: ProjectView }) => {
  if (p.can.length === 0 || store.step === 'update' || store.step === 'finish') return null;
  return (
    <View className="cobuild__card cobuild__step-actions">
      {p.can.includes('start') ? (
        <Button className="cobuild__start" type="primary" size="large" onClick={() => store.begin('start')}>
          启动项目
        </Button>
      ) : null}
      {p.can.includes('update') ? (
        <Button className="cobuild__update" type="primary" size="large" onClick={() => store.begin('update')}>
          记录进展
        </Button>
      ) : null}
      {p.can.includes('finish') ? (
        <Button className="cobuild__finish" onClick={() => store.begin('finish')}>
          完成项目
        </Button>
      ) : null}
      {p.can.includes('edit') ? (
        <Button
          className="cobuild__edit"
          onClick={() => void Taro.navigateTo({ url: `${ROUTES.cobuildProjectEdit}?id=${encodeURIComponent(p.id)}` })}
        >
          编辑
        </Button>
      ) : null}
      {p.can.includes('drop') ? (
        <Button className="cobuild__drop" onClick={() => store.begin('drop')}>
          终止
        </Button>
      ) : null}
    </View>
  );
});

/** One 共建项目: its needs and resources, milestones, leads, progress with photos, result; its steps. */
const Project = observer(() => {
  const shownOnce = useRef(false);
  useLoad((params: Record<string, string | undefined>) => store.open(params.id ?? ''));
  // Back from editing it: read again.
  useDidShow(() => {
    if (shownOnce.current) void store.project.load();
    shownOnce.current = true;
  });
  const { project } = store;
  const p = project.value;
  if (!p)
    return (
      <Screen>{project.error ? <ErrorNotice error={project.error} onRetry={project.load} /> : <Loading />}</Screen>
    );
  return (
    <Screen>
      <View className="cobuild">
        {store.notice ? <Text className="cobuild__notice">{store.notice}</Text> : null}
        <Summary p={p} />
        <Actions p={p} />
        {store.step === 'update' || store.step === 'finish' ? <NoteForm p={p} /> : null}
        <Milestones p={p} />
        <Updates p={p} />
        <Links p={p} />
        <Text className="cobuild__muted">
          {p.createdBy.name} 于 {formatTime(p.createdAt)} 建立
        </Text>
      </View>
      <Dialogs p={p} />
    </Screen>
  );
});

export default Project;
