using System.Text.Json.Serialization;
using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Runtimes.CSharp.Proxies;

/// <summary>Source-generated JSON for hashing a proxy set (no reflection metadata to build on the first execution).</summary>
[JsonSerializable(typeof(IReadOnlyList<ProxyServer>))]
internal sealed partial class ProxyJson : JsonSerializerContext;
