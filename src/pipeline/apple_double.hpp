#pragma once
// The Mac's AppleDouble files: copying a library off a Mac (or zipping it there: the
// __MACOSX folder) leaves a `._NAME` beside each file, holding its Finder data and resource
// fork. They carry the audio's name and extension but no audio, and are hidden; with
// --hidden, each was a "Format not recognised" error (exit 1) in a Mac-made sample pack.
#include <string>

namespace samplemind {

// Why: the walk leaves AppleDouble files out even with --hidden. True when name starts with
// "._" and the file (opened relative to folder, never blocking) starts with AppleDouble's
// magic number 0x00051607. follow_link: the entry is a symbolic link the walk follows.
bool is_apple_double(int folder, const std::string& name, bool follow_link);

}  // namespace samplemind
