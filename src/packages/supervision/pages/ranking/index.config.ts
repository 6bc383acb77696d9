export default definePageConfig({ navigationBarTitleText: '督导排名', enablePullDownRefresh: true });
