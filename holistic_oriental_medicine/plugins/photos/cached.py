"""The derivatives kept between builds: each source's in a folder of the cache folder `photos`
named by its key (`PhotoPlan.key`), made once, whole or not at all (caches/folders.py), in
WORKER_PROCESSES. The folders no build uses any more (a changed or removed photo, every photo
after a change of settings) are pruned as every cache's entries are."""

from pathlib import Path

from PIL import Image

from holistic_oriental_medicine.builds.workers import worker_count, worker_pool
from holistic_oriental_medicine.caches import folders

from .derivatives import write_derivatives


def cache_folder(cache, plan_):
    return Path(cache) / plan_.key


def make(plan_, cache, encoding):
    """Make the derivatives of `plan_` into its cache folder. Returns an error message for a
    source that cannot be decoded, else None."""
    target = cache_folder(cache, plan_)
    if target.is_dir():
        return None
    try:
        with folders.written_folder(target) as partial:
            write_derivatives(plan_, partial, encoding)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        return (
            f'"{plan_.source.path.name}" is damaged and cannot be decoded ({error}). Export it '
            "again from your photo app as JPEG or PNG."
        )
    return None


def make_all(plans, cache, settings):
    """Make the derivatives of every plan missing from the cache, in WORKER_PROCESSES, and mark
    each folder as used. Returns {plan: error message} for sources that could not be decoded."""
    encoding = settings["PHOTO_ENCODING"]
    missing = [plan_ for plan_ in plans if not cache_folder(cache, plan_).is_dir()]
    workers = worker_count(settings, len(missing))
    if workers < 2:
        results = [make(plan_, cache, encoding) for plan_ in missing]
    else:
        with worker_pool(workers) as pool:
            results = list(pool.map(make, missing, [cache] * len(missing), [encoding] * len(missing)))
    for plan_ in plans:
        folders.mark_used(cache_folder(cache, plan_))
    return {plan_: error for plan_, error in zip(missing, results, strict=True) if error}
