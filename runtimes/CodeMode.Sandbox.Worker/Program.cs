using CodeMode.Runtimes.CSharp;
using CodeMode.Runtimes.JavaScript;
using CodeMode.Sandbox.Worker;

// Before any Regex exists: scripts' regular expressions get a match timeout, so catastrophic backtracking ends as a
// timeout instead of running until the host kills the worker.
AppContext.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromSeconds(1));

// A sandbox worker: frames on stdin/stdout, scripts on one big-stack thread. WorkerHost claims the standard
// streams before the runtimes are even constructed.
// The host names the pool's language (CODEMODE_WORKER_LANGUAGE) so only that runtime is built and warmed.
return WorkerHost.Run(() => Environment.GetEnvironmentVariable("CODEMODE_WORKER_LANGUAGE") switch
{
    JavaScriptRuntime.LanguageName => [new JavaScriptRuntime()],
    CSharpRuntime.LanguageName => [new CSharpRuntime()],
    _ => [new JavaScriptRuntime(), new CSharpRuntime()],
});
