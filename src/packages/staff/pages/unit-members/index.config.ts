export default definePageConfig({ navigationBarTitleText: '单位党员' });
