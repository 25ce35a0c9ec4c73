namespace CodeMode.Mocks.Automem;

/// <summary>
/// AutoMem's graph in memory: memory nodes and relation edges behind one lock. Records are immutable, so a
/// snapshot taken under the lock can be ranked and rendered outside it.
/// </summary>
internal sealed class MemoryStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredMemory> _memories = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<MemoryRelation> _relations = [];
    private long _stored;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _memories.Count;
            }
        }
    }

    /// <summary>Memories ever stored, for the health report's enrichment counters.</summary>
    public long StoredTotal => Interlocked.Read(ref _stored);

    public void Add(StoredMemory memory)
    {
        lock (_gate)
        {
            _memories[memory.Id] = memory;
            _stored++;
        }
    }

    public void AddRange(IEnumerable<StoredMemory> memories)
    {
        lock (_gate)
        {
            foreach (var memory in memories)
            {
                _memories[memory.Id] = memory;
                _stored++;
            }
        }
    }

    public bool TryGet(string id, out StoredMemory memory)
    {
        lock (_gate)
        {
            return _memories.TryGetValue(id, out memory!);
        }
    }

    /// <summary>Applies <paramref name="change"/> to the memory atomically; false when it does not exist.</summary>
    public bool TryUpdate(string id, Func<StoredMemory, StoredMemory> change, out StoredMemory updated)
    {
        lock (_gate)
        {
            if (!_memories.TryGetValue(id, out var current))
            {
                updated = null!;
                return false;
            }

            updated = change(current);
            _memories[id] = updated;
            return true;
        }
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            if (!_memories.Remove(id))
            {
                return false;
            }

            _relations.RemoveAll(relation => IsEnd(relation, id));
            return true;
        }
    }

    /// <summary>Deletes every memory carrying any of the tags (exact, case-insensitive); returns how many.</summary>
    public int RemoveByTags(IReadOnlyCollection<string> tags)
    {
        lock (_gate)
        {
            var doomed = _memories.Values
                .Where(memory => memory.Tags.Any(tag => tags.Contains(tag, StringComparer.OrdinalIgnoreCase)))
                .Select(memory => memory.Id)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var id in doomed)
            {
                _memories.Remove(id);
            }

            _relations.RemoveAll(relation => doomed.Contains(relation.From) || doomed.Contains(relation.To));
            return doomed.Count;
        }
    }

    /// <summary>Creates the edge, or replaces an edge of the same type between the same memories (MERGE).</summary>
    public bool TryAssociate(MemoryRelation relation)
    {
        lock (_gate)
        {
            if (!_memories.ContainsKey(relation.From) || !_memories.ContainsKey(relation.To))
            {
                return false;
            }

            _relations.RemoveAll(existing =>
                string.Equals(existing.From, relation.From, StringComparison.OrdinalIgnoreCase) &&
                string.Equals(existing.To, relation.To, StringComparison.OrdinalIgnoreCase) &&
                existing.Type == relation.Type);
            _relations.Add(relation);
            return true;
        }
    }

    /// <summary>Stores <paramref name="replacement"/>, invalidates the old memory and links old → new, all at once.</summary>
    public bool TrySupersede(string oldId, StoredMemory replacement, Func<StoredMemory, StoredMemory> invalidate, MemoryRelation relation)
    {
        lock (_gate)
        {
            if (!_memories.TryGetValue(oldId, out var old))
            {
                return false;
            }

            _memories[replacement.Id] = replacement;
            _memories[oldId] = invalidate(old);
            _relations.Add(relation);
            _stored++;
            return true;
        }
    }

    public (IReadOnlyList<StoredMemory> Memories, IReadOnlyList<MemoryRelation> Relations) Snapshot()
    {
        lock (_gate)
        {
            return ([.. _memories.Values], [.. _relations]);
        }
    }

    public IReadOnlyList<MemoryRelation> RelationsOf(string id)
    {
        lock (_gate)
        {
            return [.. _relations.Where(relation => IsEnd(relation, id))];
        }
    }

    private static bool IsEnd(MemoryRelation relation, string id) =>
        string.Equals(relation.From, id, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(relation.To, id, StringComparison.OrdinalIgnoreCase);
}
