// Package filegraph tells which files of a Go package use names declared in
// which others: the package's layering, which the compiler does not see
// within a package, made something a test can hold.
package filegraph

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Graph maps each non-test file of a package, by base name, to the other
// files whose declarations it uses: package-level names, and the methods
// and fields of types, wherever they are declared.
type Graph map[string]map[string]bool

// Names maps each edge of a Graph, from file to file, to the names used
// across it.
type Names map[[2]string]map[string]bool

// Edges counts the uses from one file of another.
func (g Graph) Edges() int {
	n := 0
	for _, to := range g {
		n += len(to)
	}
	return n
}

// Load type-checks the package in dir, its dependencies read from the
// export data `go list -export` builds, and returns its files' graph; with
// tests, its test files in the package too.
func Load(dir string, tests bool) (Graph, error) {
	g, _, err := LoadNames(dir, tests)
	return g, err
}

// LoadNames is Load, with the names each edge is made of.
func LoadNames(dir string, tests bool) (Graph, Names, error) {
	args := []string{"list", "-deps", "-export", "-json=ImportPath,Export,Dir,GoFiles,TestGoFiles"}
	if tests {
		args = append(args, "-test")
	}
	cmd := exec.Command("go", append(args, ".")...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, nil, fmt.Errorf("go list: %v: %s", err, stderr.Bytes())
	}
	type listed struct {
		ImportPath, Export, Dir string
		GoFiles, TestGoFiles    []string
	}
	exports := map[string]string{}
	var target listed
	for dec := json.NewDecoder(bytes.NewReader(out)); ; {
		var p listed
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return nil, nil, err
		}
		// A dependency built for the package's tests, "path [path.test]",
		// stands in for path.
		path, variant, _ := strings.Cut(p.ImportPath, " ")
		if _, seen := exports[path]; !seen || variant != "" {
			exports[path] = p.Export
		}
		switch {
		case !tests:
			target = p // the package itself comes last
		case variant != "" && len(p.TestGoFiles) > 0:
			// The package built with its tests: its GoFiles hold both.
			target = p
			target.ImportPath = path
		}
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range target.GoFiles {
		f, err := parser.ParseFile(fset, filepath.Join(target.Dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, nil, err
		}
		files = append(files, f)
	}
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		if e := exports[path]; e != "" {
			return os.Open(e)
		}
		return nil, fmt.Errorf("no export data for %s", path)
	})
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}}
	pkg, err := (&types.Config{Importer: imp}).Check(target.ImportPath, fset, files, info)
	if err != nil {
		return nil, nil, err
	}
	g, names := Graph{}, Names{}
	for _, f := range files {
		g[filepath.Base(fset.File(f.Pos()).Name())] = map[string]bool{}
	}
	for id, obj := range info.Uses {
		if obj.Pkg() != pkg || !(obj.Parent() == pkg.Scope() || obj.Parent() == nil) {
			continue // another package's, a local, or a universe name
		}
		from, to := filepath.Base(fset.Position(id.Pos()).Filename), filepath.Base(fset.Position(obj.Pos()).Filename)
		if from != to {
			g[from][to] = true
			edge := [2]string{from, to}
			if names[edge] == nil {
				names[edge] = map[string]bool{}
			}
			names[edge][obj.Name()] = true
		}
	}
	return g, names, nil
}
