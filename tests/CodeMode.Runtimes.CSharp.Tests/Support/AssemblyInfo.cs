// One execution at a time, as in a worker: heap growth is measured process-wide, and on this 2-core VM parallel cold
// compilations would each eat the others' timeouts.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
