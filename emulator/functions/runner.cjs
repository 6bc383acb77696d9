'use strict';
/**
 * One function instance of the local CloudBase in `bundle` mode (emulator/functions/host.ts),
 * run by the CloudBase runtime's own Node (16.13): plain CommonJS, no TypeScript, nothing newer
 * than that runtime has. It loads the bundle given as its argument (cloudfunctions/<fn>/index.js,
 * which requires wx-server-sdk from the project's node_modules, as the bundle keeps it external),
 * says `ready`, then runs one invocation at a time, as an SCF instance does: the invocation's
 * variables (WX_OPENID …) are set in process.env for the call, `main(event, context)` is awaited
 * and its result sent back as JSON, as CloudBase serialises it.
 */
const file = process.argv[2];

function load() {
  try {
    const main = require(file).main;
    if (typeof main !== 'function') throw new Error(file + ' exports no main');
    return main;
  } catch (err) {
    process.send({ type: 'loadError', message: String((err && err.stack) || err) }, () => process.exit(1));
    return null;
  }
}

function serve(main) {
  process.on('message', function (msg) {
    if (!msg || msg.type !== 'invoke') return;
    for (const key of Object.keys(msg.env)) {
      if (msg.env[key] === null) delete process.env[key];
      else process.env[key] = msg.env[key];
    }
    Promise.resolve()
      .then(function () {
        return main(msg.event, msg.context);
      })
      .then(
        function (result) {
          process.send({ type: 'done', id: msg.id, result: result === undefined ? null : result });
        },
        function (err) {
          process.send({ type: 'threw', id: msg.id, message: String((err && err.message) || err) });
        },
      );
  });
  process.send({ type: 'ready', version: process.version });
}

// The host went away (stopped or crashed): so does the instance.
process.on('disconnect', function () {
  process.exit(0);
});

const main = load();
if (main) serve(main);
