#!/usr/bin/perl
# Counts block-device I/O in an strace log made with
#   strace -f -y -qq -e trace=openat,read,pread64,preadv,preadv2,write,pwrite64,pwritev,pwritev2,io_submit,fsync,fdatasync
# Usage: iocount.pl LOG DEV...   (DEV: the block devices in scope, e.g. /dev/loop14)
# Prints one line of key=value pairs:
#   sync_reads      read/pread64/preadv calls on the devices
#   sync_read_bytes bytes asked for by them
#   head_reads      those of exactly 4608 bytes at offset 0 (our label + mda header read)
#   other_reads     the rest (our metadata text reads)
#   aio_reads       IOCB_CMD_PREAD iocbs on the devices passed to io_submit (lvm2)
#   aio_read_bytes  their bytes
#   sync_writes, sync_write_bytes, aio_writes, aio_write_bytes, syncs (fsync/fdatasync)
#   devs_read       devices with at least one read
#   heads_per_dev   "min-max" head reads per device in scope
#   other_per_dev   "min-max" other reads per device in scope
#   reads_per_dev   "min-max" reads (sync + aio) per device in scope
#   dev_opens       successful openat() calls of the devices in scope
#   opens_per_dev   "min-max" of those per device
#   hints_read      opens of lvm2's hints file for reading (O_RDONLY: hints used to
#                   narrow the scan; O_RDWR opens are only its lock)
#   hints_written   opens of /run/lvm/{hints,nohints,newhints} for writing
#                   (lvm2 invalidating or rewriting its hints after a change)
use strict;
use warnings;

my ($log, @devs) = @ARGV;
my %in = map { $_ => 1 } @devs;
my %c = map { $_ => 0 } qw(sync_reads sync_read_bytes head_reads other_reads aio_reads
	aio_read_bytes sync_writes sync_write_bytes aio_writes aio_write_bytes syncs hints_read hints_written
	dev_opens);
my (%heads, %other, %reads, %opens);

open(my $fh, '<', $log) or die "$log: $!";
my %pending;
while (my $l = <$fh>) {
	chomp $l;
	# Join "<unfinished ...>" / "<... resumed>" pairs (one per pid): strace
	# splits a call that another thread interrupts.  The first part ends with
	# a space before "<unfinished ...>", which must not end up before the
	# closing parenthesis of the joined call.
	if ($l =~ /^(\d+)\s+(.*?)\s*<unfinished \.\.\.>$/) {
		$pending{$1} = $2;
		next;
	}
	if ($l =~ /^(\d+)\s+<\.\.\. \w+ resumed>(.*)$/) {
		$l = "$1 " . ($pending{$1} // '') . $2;
		delete $pending{$1};
	}
	$l =~ s/^\d+\s+//;
	if ($l =~ /^openat\([^,]*, "([^"]+)", .*\)\s+=\s+\d+/ && $in{$1}) {
		$c{dev_opens}++;
		$opens{$1}++;
		next;
	}
	if ($l =~ /^openat\(.*"\/run\/lvm\/(hints|nohints|newhints)", (\w+)/) {
		$c{hints_read}++ if $1 eq 'hints' && $2 eq 'O_RDONLY';
		$c{hints_written}++ if $2 =~ /O_WRONLY/;
		next;
	}
	if ($l =~ /^(pread64|read|preadv2?)\(\d+<([^>]+)>,/) {
		my ($sys, $dev) = ($1, $2);
		next unless $in{$dev};
		my ($len, $off) = (0, -1);
		# Greedy: the last match is the arguments, not the buffer's text.
		if ($sys eq 'pread64' && $l =~ /^.*, (\d+), (\d+)\s*\)\s+=/) {
			($len, $off) = ($1, $2);
		} elsif ($l =~ /^.*, (\d+)\s*\)\s+=/) {
			$len = $1;
		}
		$c{sync_reads}++;
		$c{sync_read_bytes} += $len;
		$reads{$dev}++;
		if ($len == 4608 && $off == 0) {
			$c{head_reads}++;
			$heads{$dev}++;
		} else {
			$c{other_reads}++;
			$other{$dev}++;
		}
		next;
	}
	if ($l =~ /^(pwrite64|write|pwritev2?)\(\d+<([^>]+)>,/) {
		my $sys = $1;
		next unless $in{$2};
		$c{sync_writes}++;
		if ($sys eq 'pwrite64' && $l =~ /^.*, (\d+), \d+\s*\)\s+=/) {
			$c{sync_write_bytes} += $1;
		} elsif ($sys eq 'write' && $l =~ /^.*, (\d+)\s*\)\s+=/) {
			$c{sync_write_bytes} += $1;
		}
		next;
	}
	if ($l =~ /^(fsync|fdatasync)\(\d+<([^>]+)>/) {
		$c{syncs}++ if $in{$2};
		next;
	}
	if ($l =~ /^io_submit\(/) {
		while ($l =~ /\{([^{}]*aio_lio_opcode=IOCB_CMD_(PREAD|PWRITE)[^{}]*)\}/g) {
			my ($iocb, $op) = ($1, $2);
			next unless $iocb =~ /aio_fildes=\d+<([^>]+)>/ && $in{$1};
			my $dev = $1;
			my ($n) = $iocb =~ /aio_nbytes=(\d+)/;
			if ($op eq 'PREAD') {
				$c{aio_reads}++;
				$c{aio_read_bytes} += $n // 0;
				$reads{$dev}++;
			} else {
				$c{aio_writes}++;
				$c{aio_write_bytes} += $n // 0;
			}
		}
	}
}
close $fh;

sub range {
	my ($h) = @_;
	my @v = map { $h->{$_} // 0 } @devs;
	my ($lo, $hi) = ($v[0], $v[0]);
	for (@v) { $lo = $_ if $_ < $lo; $hi = $_ if $_ > $hi; }
	return "$lo-$hi";
}
$c{devs_read} = scalar grep { $reads{$_} } @devs;
$c{heads_per_dev} = range(\%heads);
$c{other_per_dev} = range(\%other);
$c{reads_per_dev} = range(\%reads);
$c{opens_per_dev} = range(\%opens);
print join(' ', map { "$_=$c{$_}" } sort keys %c), "\n";
