// Command oracle prints, for each case read on stdin, the files a BuildKit build would send
// from a build context: the expected results that press-blocks' ignore-file tests compare with.
//
// Each input line is a JSON object {"id": N, "paths": [...], "ignore": "<base64>"}: the files
// of the tree ("/"-separated, a trailing "/" marks an empty directory) and the bytes of its
// .dockerignore. The tree is created in a temporary directory, .dockerignore included, and
// walked the way BuildKit's file sync walks a local context. Each output line repeats the
// input and adds "sent" (regular files, sorted) or "error" (the build would fail).
//
// Docker's own code decides: the ignore file is read by BuildKit's dockerignore.ReadAll and
// every path is matched by moby/patternmatcher's MatchesUsingParentResults, with each
// directory's results handed to its children. Only the walk is restated here, because Debian
// packages an fsutil from 2020: the rules of tonistiigi/fsutil's filterFS.Walk (filter.go,
// since 2023), written out below, decide which excluded directories are still descended.
package main

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/dockerignore"
	"github.com/moby/patternmatcher"
)

type testCase struct {
	ID     int      `json:"id"`
	Paths  []string `json:"paths"`
	Ignore string   `json:"ignore"`
	Sent   []string `json:"sent"`
	Error  string   `json:"error,omitempty"`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	encoder := json.NewEncoder(out)
	encoder.SetEscapeHTML(false)
	for in.Scan() {
		var c testCase
		if err := json.Unmarshal(in.Bytes(), &c); err != nil {
			fail(err)
		}
		sent, err := run(c)
		if err != nil {
			c.Error = err.Error()
			c.Sent = nil
		} else {
			c.Sent = sent
		}
		if err := encoder.Encode(c); err != nil {
			fail(err)
		}
	}
	if err := in.Err(); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "oracle:", err)
	os.Exit(1)
}

// run builds the case's tree and returns what BuildKit would send from it.
func run(c testCase) ([]string, error) {
	ignore, err := base64.StdEncoding.DecodeString(c.Ignore)
	if err != nil {
		fail(err)
	}
	root, err := os.MkdirTemp("", "oracle")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(root)
	for _, p := range c.Paths {
		full := filepath.Join(root, filepath.FromSlash(p))
		if strings.HasSuffix(p, "/") {
			must(os.MkdirAll(full, 0o755))
			continue
		}
		must(os.MkdirAll(filepath.Dir(full), 0o755))
		must(os.WriteFile(full, nil, 0o644))
	}
	must(os.WriteFile(filepath.Join(root, ".dockerignore"), ignore, 0o644))

	f, err := os.Open(filepath.Join(root, ".dockerignore"))
	must(err)
	defer f.Close()
	excludes, err := dockerignore.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	pm, err := patternmatcher.New(excludes)
	if err != nil {
		return nil, fmt.Errorf("new: %w", err)
	}
	sent, err := walk(root, pm)
	if err != nil {
		return nil, fmt.Errorf("walk: %w", err)
	}
	sort.Strings(sent)
	return sent, nil
}

func must(err error) {
	if err != nil {
		fail(err)
	}
}

// walk applies fsutil's exclude rules to the tree under root:
//
//   - every path is matched with its parent directory's MatchInfo (none at the top level);
//   - an excluded file is not sent;
//   - an excluded directory is still walked (but not itself sent) unless every exception
//     pattern, less a trailing "/**" or "/*", is free of the characters *[]?^\ and none of
//     them, with a "/" added, starts with the directory's path and a "/";
//   - a directory that is walked hands its MatchInfo to its children.
func walk(root string, pm *patternmatcher.PatternMatcher) ([]string, error) {
	literalExceptions := true
	var exceptions []string
	for _, p := range pm.Patterns() {
		if !p.Exclusion() {
			continue
		}
		text := strings.TrimSuffix(strings.TrimSuffix(p.String(), "/**"), "/*")
		if strings.ContainsAny(text, `*[]?^\`) {
			literalExceptions = false
		}
		exceptions = append(exceptions, text+"/")
	}
	type walked struct {
		prefix string
		info   patternmatcher.MatchInfo
	}
	var parents []walked
	var sent []string
	err := filepath.WalkDir(root, func(full string, entry fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, full)
		if err != nil {
			return err
		}
		if rel == "." {
			return nil
		}
		rel = filepath.ToSlash(rel)
		for len(parents) > 0 && !strings.HasPrefix(rel, parents[len(parents)-1].prefix) {
			parents = parents[:len(parents)-1]
		}
		var parentInfo patternmatcher.MatchInfo
		if len(parents) > 0 {
			parentInfo = parents[len(parents)-1].info
		}
		excluded, info, err := pm.MatchesUsingParentResults(rel, parentInfo)
		if err != nil {
			return err
		}
		if entry.IsDir() {
			if excluded && literalExceptions {
				descend := false
				for _, e := range exceptions {
					if strings.HasPrefix(e, rel+"/") {
						descend = true
						break
					}
				}
				if !descend {
					return filepath.SkipDir
				}
			}
			parents = append(parents, walked{rel + "/", info})
			return nil
		}
		if !excluded && entry.Type().IsRegular() {
			sent = append(sent, rel)
		}
		return nil
	})
	return sent, err
}
