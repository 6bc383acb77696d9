// babel-preset-taro: https://docs.taro.zone/docs/babel-config
// NutUI on demand: each `import { Button } from '@nutui/nutui-react-taro'` becomes the component's
// ES module plus its own CSS, instead of the whole library and its full stylesheet (~350 KB).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        camel2DashComponentName: false,
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
        customStyleName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}/style/css`,
      },
      'nutui-react-taro',
    ],
  ],
};
