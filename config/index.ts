import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

// src/ imports plain constants (role labels, the privacy version) from contract/.
const contractDir = path.join(__dirname, '..', 'contract');

const isWeapp = process.env.TARO_ENV === 'weapp';

/** NutUI packages: compiled from source by Taro, so they must stay out of the dev prebundle. */
const NUTUI = ['@nutui/nutui-react-taro', '@nutui/icons-react-taro'];

// https://docs.taro.zone/docs/config-detail
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'tongxinyuan',
    date: '2026-11-1',
    // NutUI React Taro is drawn on a 375 px design; our own styles use the same ruler.
    designWidth: 375,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // Separate roots: a weapp build and an h5 build must not wipe each other.
    outputRoot: isWeapp ? 'dist' : 'dist-h5',
    // NutUI renders icons as <i>; the html plugin maps such tags in mini-programs.
    plugins: isWeapp ? ['@tarojs/plugin-html'] : [],
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { exclude: NUTUI } },
    cache: { enable: false },
    sass: { data: '' },
    mini: {
      // src/ imports contract/roles (plain constants) from outside the source root.
      compile: { include: [contractDir] },
      optimizeMainPackage: { enable: true },
      // Component styles use their own class names, so the order pages import them in is moot.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      compile: { include: [contractDir] },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      esnextModules: ['nutui-react'],
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
