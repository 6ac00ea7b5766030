//! Work on all cores: a list split into contiguous runs, one scoped thread each, order kept.

/// At most this many threads: beyond eight, a build is bound by the disk, not by the cores.
const MAX_THREADS: usize = 8;

/// How many threads the build uses: the machine's cores (at most [`MAX_THREADS`]).
pub(crate) fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, MAX_THREADS)
}

/// `f` over `items` on all cores, in contiguous runs; the results keep the items' order.
pub(crate) fn map<T: Send, R: Send>(items: Vec<T>, f: &(dyn Fn(T) -> R + Sync)) -> Vec<R> {
    let per_run = items.len().div_ceil(threads()).max(1);
    let mut runs: Vec<Vec<T>> = Vec::new();
    let mut rest = items.into_iter().peekable();
    while rest.peek().is_some() {
        runs.push(rest.by_ref().take(per_run).collect());
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = runs
            .into_iter()
            .map(|run| scope.spawn(move || run.into_iter().map(f).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// Frees `value` on a thread of its own: a big handbook's memory takes milliseconds to free,
/// which the caller need not wait for.
pub(crate) fn drop_later<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}
