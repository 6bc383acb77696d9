export default definePageConfig({ navigationBarTitleText: '民情联系卡' });
