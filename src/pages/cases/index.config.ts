export default definePageConfig({ navigationBarTitleText: '民情诉求', enablePullDownRefresh: true });
