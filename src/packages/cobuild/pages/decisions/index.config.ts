export default definePageConfig({ navigationBarTitleText: '议定事项' });
