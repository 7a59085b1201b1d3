// The CMS's local backend: decap-server's file-system middleware (MODE=fs), listening on a Unix
// socket instead of a TCP port. No web page can open a Unix socket, whatever its origin or host
// name, so only the live preview, which checks every request, reaches it (cms_backend.py).
// decap-server reads and writes only below GIT_REPO_DIRECTORY: `invoke edit` sets the content
// folder, so nothing else is within its reach.
"use strict";

const fs = require("fs");
const path = require("path");

const decapServer = path.dirname(require.resolve("decap-server/package.json"));
const express = require(require.resolve("express", { paths: [decapServer] }));
const { registerLocalFs } = require("decap-server/dist/middlewares");

const socketPath = process.env.CMS_LOCAL_BACKEND_SOCKET;

async function main() {
  const app = express();
  await registerLocalFs(app, { logLevel: "warn" });
  const server = app.listen(socketPath, () => {
    // Only this user may connect, should the socket's folder ever be shared.
    fs.chmodSync(socketPath, 0o600);
  });
  server.on("error", (error) => {
    console.error(`The CMS's local backend could not listen at ${socketPath}: ${error.message}`);
    process.exit(1);
  });
  // Stop with `invoke edit`, and take the socket's private folder along: on Ctrl+C or a signal
  // to the group, and when the preview that started it has gone, however it ended (it holds
  // this process's standard input open until then).
  const stop = () => {
    server.close();
    fs.rmSync(path.dirname(socketPath), { recursive: true, force: true });
    process.exit(0);
  };
  for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, stop);
  process.stdin.on("end", stop);
  process.stdin.on("error", stop);
  process.stdin.resume();
}

main().catch((error) => {
  console.error(`The CMS's local backend could not start: ${error.message}`);
  process.exit(1);
});
