package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/neuronlab/neuron/internal/run"
)

// Shell completion: 'neuron completion bash' (zsh, fish, powershell)
// prints a script that completes subcommands, function names, flag
// values and file names of the right kind.

// completeFunction completes FUNC: a function's name, a family member,
// or else a table file.
func completeFunction(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var names []string
	for _, n := range functionNames() {
		if strings.HasPrefix(n, strings.ToLower(toComplete)) {
			names = append(names, n)
		}
	}
	for _, f := range familyNames {
		if strings.HasPrefix(f, strings.ToLower(toComplete)) && len(toComplete) > 0 {
			for _, n := range []string{"3", "4", "5", "8"} {
				names = append(names, f+n)
			}
		}
	}
	if len(names) > 0 {
		return names, cobra.ShellCompDirectiveNoFileComp
	}
	return tableFileExts, cobra.ShellCompDirectiveFilterFileExt
}

// tableFileExts are the extensions of table files (run.IsTableFile).
var tableFileExts = []string{"csv", "tsv", "txt"}

// completeModel completes predict's MODEL: a .json file, then no more.
func completeModel(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return []string{"json"}, cobra.ShellCompDirectiveFilterFileExt
}

// words completes a flag's value from a fixed list, each with a
// description after a tab.
func words(list ...string) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		return list, cobra.ShellCompDirectiveNoFileComp
	}
}

// files completes a flag's value with files of the given extensions.
func files(ext ...string) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		return ext, cobra.ShellCompDirectiveFilterFileExt
	}
}

// dirs completes a flag's value with directories.
func dirs(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveFilterDirs
}

// nothing completes a flag whose value is a number: no file names.
func nothing(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveNoFileComp
}

// completeSetupFlags registers completions for the flags of run.AddFlags.
func completeSetupFlags(cmd *cobra.Command) {
	for name, f := range map[string]cobra.CompletionFunc{
		run.FlagStop:     words("max\tstop when every row's loss is at most the goal", "mean\tstop when the mean loss is", "row\tstop when the row just drawn is (the original demo's rule)", "none\tno goal: train to the iteration or epoch cap"),
		run.FlagLoss:     words("squared\t½(o−t)², the original demo's", "cross-entropy\t−t·ln o − (1−t)·ln(1−o)"),
		run.FlagGoal:     words("auto\tthe stop rule's and loss's default"),
		run.FlagStall:    words("auto\ton for a network, off for one neuron", "0\toff"),
		run.FlagRate:     nothing,
		run.FlagMaxIter:  nothing,
		run.FlagSeed:     nothing,
		run.FlagHidden:   nothing,
		run.FlagRestarts: nothing,
		run.FlagStart:    nothing,
	} {
		if cmd.Flags().Lookup(name) != nil {
			cmd.RegisterFlagCompletionFunc(name, f)
		}
	}
}
