// The shim pattern of SQLite's own test VFSes: our file struct is followed in memory by the
// real VFS's file, and every I/O method forwards to it; only xSync sleeps first.
#include "support/slow_sync_vfs.hpp"

#include <atomic>
#include <thread>

namespace samplemind::testing {
namespace {

std::atomic<int> g_delay_ms{0};
std::atomic<int> g_syncs{0};

struct SlowFile {
  sqlite3_file base;
  sqlite3_file* real;
};

sqlite3_file* real_of(sqlite3_file* file) { return reinterpret_cast<SlowFile*>(file)->real; }

int slow_close(sqlite3_file* f) { return real_of(f)->pMethods->xClose(real_of(f)); }
int slow_read(sqlite3_file* f, void* out, int n, sqlite3_int64 at) { return real_of(f)->pMethods->xRead(real_of(f), out, n, at); }
int slow_write(sqlite3_file* f, const void* in, int n, sqlite3_int64 at) { return real_of(f)->pMethods->xWrite(real_of(f), in, n, at); }
int slow_truncate(sqlite3_file* f, sqlite3_int64 size) { return real_of(f)->pMethods->xTruncate(real_of(f), size); }
int slow_sync(sqlite3_file* f, int flags) {
  g_syncs.fetch_add(1);
  std::this_thread::sleep_for(std::chrono::milliseconds(g_delay_ms.load()));
  return real_of(f)->pMethods->xSync(real_of(f), flags);
}
int slow_size(sqlite3_file* f, sqlite3_int64* size) { return real_of(f)->pMethods->xFileSize(real_of(f), size); }
int slow_lock(sqlite3_file* f, int level) { return real_of(f)->pMethods->xLock(real_of(f), level); }
int slow_unlock(sqlite3_file* f, int level) { return real_of(f)->pMethods->xUnlock(real_of(f), level); }
int slow_check(sqlite3_file* f, int* out) { return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out); }
int slow_control(sqlite3_file* f, int op, void* arg) { return real_of(f)->pMethods->xFileControl(real_of(f), op, arg); }
int slow_sector(sqlite3_file* f) { return real_of(f)->pMethods->xSectorSize(real_of(f)); }
int slow_traits(sqlite3_file* f) { return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f)); }
int slow_shm_map(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
  return real_of(f)->pMethods->xShmMap(real_of(f), region, size, extend, out);
}
int slow_shm_lock(sqlite3_file* f, int offset, int n, int flags) { return real_of(f)->pMethods->xShmLock(real_of(f), offset, n, flags); }
void slow_shm_barrier(sqlite3_file* f) { real_of(f)->pMethods->xShmBarrier(real_of(f)); }
int slow_shm_unmap(sqlite3_file* f, int remove) { return real_of(f)->pMethods->xShmUnmap(real_of(f), remove); }

// Version 2: the shared-memory methods WAL mode needs; no memory-mapped fetches.
const sqlite3_io_methods k_slow_methods = {
    2,           slow_close,  slow_read,    slow_write,  slow_truncate,  slow_sync,        slow_size,
    slow_lock,   slow_unlock, slow_check,   slow_control, slow_sector,   slow_traits,      slow_shm_map,
    slow_shm_lock, slow_shm_barrier, slow_shm_unmap, nullptr, nullptr};

int slow_open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  auto* root = static_cast<sqlite3_vfs*>(vfs->pAppData);
  auto* slow = reinterpret_cast<SlowFile*>(file);
  slow->real = reinterpret_cast<sqlite3_file*>(slow + 1);
  slow->base.pMethods = nullptr;
  const int rc = root->xOpen(root, name, slow->real, flags, out_flags);
  if (slow->real->pMethods != nullptr) slow->base.pMethods = &k_slow_methods;
  return rc;
}

}  // namespace

SlowSyncVfs::SlowSyncVfs(std::chrono::milliseconds delay) {
  g_delay_ms.store(int(delay.count()));
  g_syncs.store(0);
  previous_default_ = sqlite3_vfs_find(nullptr);
  vfs_ = *previous_default_;
  vfs_.szOsFile = int(sizeof(SlowFile)) + previous_default_->szOsFile;
  vfs_.zName = "samplemind-slow-sync";
  vfs_.pAppData = previous_default_;
  vfs_.pNext = nullptr;
  vfs_.xOpen = slow_open;
  sqlite3_vfs_register(&vfs_, 1);
}

SlowSyncVfs::~SlowSyncVfs() {
  sqlite3_vfs_unregister(&vfs_);
  sqlite3_vfs_register(previous_default_, 1);
}

int SlowSyncVfs::syncs() const { return g_syncs.load(); }

}  // namespace samplemind::testing
