import Taro, { useLoad } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { DraftNote } from '../../../../components/DraftNote';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Field } from '../../../../components/Field';
import { Loading } from '../../../../components/Loading';
import { PrivacyGate } from '../../../../components/PrivacyGate';
import { PrivacyPopup } from '../../../../components/PrivacyPopup';
import { Prompt } from '../../../../components/Prompt';
import { Screen } from '../../../../components/Screen';
import { Chips } from '../../../../components/wish/Chips';
import { ROUTES } from '../../../../routes';
import { session } from '../../../../stores/session';
import { wishSubmit } from '../../../../stores/resident/wishSubmit';
import { subscriptions } from '../../../../stores/subscriptions';
import { maskPhone } from '../../../../utils/mask';
import { WishContentFields, WishFormSubmit, WishSubmitted } from '../../../../components/wish/WishForm';
import './index.scss';

const WHO = [
  { key: 'self', label: '为自己' },
  { key: 'family', label: '为家人' },
];

/** 提交心愿: a valid form first asks for the messages this wish brings (inside the tap, as WeChat requires). */
function submit(): void {
  if (!wishSubmit.validate()) return;
  void subscriptions.ask('wishSubmit').then(async () => {
    if (await wishSubmit.submit()) void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
  });
}

/** Whom the wish is for: the resident (name and phone from the profile) or a family member. */
const Beneficiary = observer(() => {
  const form = wishSubmit;
  const me = session.me;
  return (
    <Field
      label="为谁许愿"
      name="beneficiary"
      hint="受助人的姓名和电话只给审核的网格员和认领的党员看，其他人看到的是打码信息"
    >
      <Chips
        name="who"
        chips={WHO}
        value={form.forFamily ? 'family' : 'self'}
        onPick={(k) => form.setForFamily(k === 'family')}
      />
      {form.forFamily ? null : (
        <Text className="wish-submit__self">
          受助人：{me?.name ?? me?.displayName}
          {me?.phone ? ` · ${maskPhone(me.phone)}` : ''}（本人）
        </Text>
      )}
    </Field>
  );
});

const FamilyFields = observer(() => {
  const form = wishSubmit;
  if (!form.forFamily) return null;
  return (
    <>
      <Field label="家人姓名" name="name" error={form.errors.name}>
        <Input
          className="field__input wish-submit__name"
          placeholder="受助家人的真实姓名"
          maxlength={20}
          value={form.name}
          onInput={(e) => form.setName(e.detail.value)}
        />
      </Field>
      <Field
        label="家人手机号"
        name="phone"
        optional
        error={form.errors.phone}
        hint="家人没有手机可不填，党员会联系您本人"
      >
        <Input
          className="field__input wish-submit__phone"
          type="number"
          placeholder="11 位手机号"
          maxlength={11}
          value={form.phone}
          onInput={(e) => form.setPhone(e.detail.value)}
        />
      </Field>
    </>
  );
});

const Form = observer(() => {
  const form = wishSubmit;
  return (
    <View className="wish-submit">
      {form.restored ? <DraftNote name="wish" onClear={form.discardDraft} /> : null}
      <WishContentFields
        form={form.content}
        prefix="wish-submit"
        placeholder="请写清楚需要什么帮助，例如：家里的水龙头坏了，想请人帮忙换一个"
      />
      <Beneficiary />
      <FamilyFields />
      <WishFormSubmit prefix="wish-submit" error={form.error} saving={form.saving} label="提交心愿" onSubmit={submit} />
    </View>
  );
});

/** After submitting: what happens next, and the way to the wish. */
const Submitted = observer(() => {
  const wish = wishSubmit.submitted;
  if (!wish) return null;
  return (
    <WishSubmitted
      wish={wish}
      prefix="wish-submit"
      title="已提交，等待网格员审核"
      text="审核通过后，心愿会发布到心愿大厅，由在职党员认领。进展会通过消息通知您。"
    >
      <Button
        className="wish-form__second wish-submit__back"
        size="large"
        block
        onClick={() => void Taro.navigateBack()}
      >
        返回
      </Button>
    </WishSubmitted>
  );
});

/** 许个心愿: the form once the profile has an address (and the privacy guide is accepted); the result after. */
const WishSubmitPage = observer(() => {
  useLoad(() => wishSubmit.start());
  const { me, error } = session;
  let body;
  if (!me) body = error ? <ErrorNotice error={error} onRetry={session.load} /> : <Loading />;
  else if (wishSubmit.submitted) body = <Submitted />;
  else if (!session.profileComplete)
    body = (
      <Prompt
        name="wish-profile"
        title="请先完善个人信息"
        description="许心愿需要您的姓名、手机号和住址：网格员据此审核，认领的党员据此联系您。"
        action="去完善个人信息"
        onAction={() => void Taro.navigateTo({ url: ROUTES.profile })}
      />
    );
  else
    body = (
      <PrivacyGate>
        <Form />
      </PrivacyGate>
    );
  return (
    <Screen>
      {body}
      <PrivacyPopup />
    </Screen>
  );
});

export default WishSubmitPage;
