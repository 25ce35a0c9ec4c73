using CodeMode.Runtimes.JavaScript;
using CodeMode.Sandbox.Worker;

// A sandbox worker: frames on stdin/stdout, scripts on one big-stack thread. WorkerHost claims the standard
// streams before the runtimes are even constructed.
return WorkerHost.Run(() => [new JavaScriptRuntime()]);
