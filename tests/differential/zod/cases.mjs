// Deterministic frontmatter cases: for each config, a valid baseline, then one field at a time
// replaced (or removed with `null`) by each of its variants. Names are unique.

const suites = {
	lesson: {
		base: { level: 'pemula', duration: '30' },
		variants: {
			level: ['menengah', 'mahir', 'ahli', 'Pemula', '"pemula"', '1', 'true', '[pemula]', '~', null],
			duration: ['45', '"30"', '0', '-5', '2.5', '1e3', '1e20', 'tiga puluh', '.inf', 'true', '~', null],
			prerequisites: ['[git, shell]', '[]', 'git', '[1, 2]', '[~]', '~', '{a: b}'],
			author: ['Budi', 'B', '"' + 'x'.repeat(41) + '"', '42', '~', "''"],
			quiz: ['true', 'false', 'ya', 'tidak', 'yes', 'no', '"true"', '1', '~'],
			tags: ['[a, b, c]', '[a, b, c, d]', '[]', 'a', '[1]'],
			published: ['2024-09-30', '2024-09-30T10:00:00Z', '"2024-09-30"', '2024', 'true', '~'],
			website: ['https://example.org', 'http://localhost:4321/x', 'mailto:a@b.id', 'example.org', '/docs/', '"ftp://x"', '1'],
			contact: ['budi@contoh.id', 'budi@contoh', 'budi', '"a..b@c.id"', '.a@b.id'],
			code: ['ABC-12', 'AB-12', 'abc-12', 'ABC-', 'ABCD-1', '12'],
			series: ['seri-1!', 'seri-1', 'seri!', 'x-seri-1!', "'seri-!'"],
			ratio: ['0', '1', '0.5', '1.5', '-0.1', '~', '"0.5"'],
			kind: ['lesson', 'Lesson', 'page', '1'],
			lang: ['id', 'en', 'Indonesian', 'fr', '1'],
			scores: ['{kuis: 10, ujian: 0}', '{}', '{kuis: -1}', '{kuis: "10"}', '[1, 2]', '2024-01-01', '{kuis: ~}'],
			pair: ['[a, 1]', '[a]', '[a, 1, 2]', '[1, a]', '[]', 'a'],
			short: ['abc', 'ab', 'abcd', '123', '~'],
		},
	},
	context: {
		base: { featured: 'false', extra: '~' },
		variants: {
			cover: ['./images/cover.png', '../../assets/a.jpg', '1', '[a.png]', '~'],
			card: ['{title: Judul}', '{title: Judul, icon: star}', '{title: Judul, color: red}', '{}', '{icon: star}', 'Judul', '2024-01-01'],
			section: [
				'{type: video, url: "https://youtu.be/x"}',
				'{type: video, url: "youtu.be/x"}',
				'{type: text, words: 300}',
				'{type: text, words: "300"}',
				'{type: audio}',
				'{type: text}',
				'video',
				'{url: "https://x.id"}',
			],
			related: ['guides/intro', 'x', '1', '[a]', '{id: a}'],
			series: ['Dasar Git', '{name: Git, part: 1}', '{name: Git, part: 1.5}', '{name: Git}', '{part: 2}', '1', '[a]'],
			minutes: ['30', '"30"', "''", '" 12 "', '"0x1F"', 'tiga', 'true', '~', '2024-01-01', '[5]', '{a: 1}', '"Infinity"', '.inf'],
			featured: ['true', 'ya', '0', '~', '{}', null],
			note: ['catatan', '~', '1', null],
			status: ['draft', 'ready', 'published', '1', '~', null],
			extra: ['1', 'a', '[1]', '{a: 1}', null],
			data: ['1', '~', '{a: [1]}'],
			order: ['1', '0', '100', '99.5', '-1', '"5"'],
			rating: ['0', '5', '5.5', '-1', '~', '"4"'],
		},
	},
	chains: {
		base: { owner: '{name: Ani}', reviewers: '[{name: Budi}]', track: 'dasar', version: 'v1' },
		variants: {
			owner: ['{name: Ani, url: "https://ani.id"}', '{name: ""}', '{name: Ani, url: ani.id}', '{url: "https://x.id"}', 'Ani', '{name: Ani, extra: 1}', null],
			reviewers: ['[]', '[{name: A}, {name: B}]', '[{name: 1}]', '[Ani]', '{name: Budi}', null],
			track: ['lanjut', 'ahli', '1', null],
			version: ['v12', 'V2', 'v', '2', '1.0', null],
			keywords: ['[a, b]', '[a]', '[a, b, c]', '~'],
			difficulty: ['3', '9', 'x'],
			meta: ['{source: buku}', '{source: buku, page: 3}', '{page: 3}', '{source: 1}', 'buku'],
			team: ['{name: Tim}', '{name: Tim, url: "https://x.id"}', '{}', '{name: 2}'],
			draftNote: ['{}', '{name: A}', '{name: 1}', '{url: "https://x.id"}', '2024-01-01', 'x'],
		},
	},
	imported: {
		base: { course: 'Web Dasar', week: '1' },
		variants: {
			course: ['Git', '1', '~', '[a]', null],
			week: ['0', '12', '-1', '1.5', '"1"', null],
			objectives: ['[membaca, menulis]', '[ab]', '[satu, dua, tiga, empat]', '[satu, dua, tiga, empat, lima]', '[]', 'abc'],
			assessment: ['kuis', 'proyek', 'ujian', 'tugas', 'Kuis', '~'],
			deadline: ['2024-10-01', '~', '"2024-10-01"', 'besok', '2024-10-01 10:00:00'],
		},
	},
	loose: {
		base: { even: '2', upper: 'abc', checked: 'abc', custom: 'xyz', tree: '{name: a}' },
		variants: {
			even: ['4', '3', '"2"', 'a', null],
			upper: ['ABC', '1', '~', null],
			checked: ['abcdef', '1', null],
			custom: ['yyy', '1', null],
			tree: ['{name: 1}', '{}', 'x', null],
			plain: ['true', 'ya', '1'],
		},
	},
};

function render(fields) {
	return ['title: Contoh', ...Object.entries(fields).map(([key, value]) => `${key}: ${value}`)].join('\n') + '\n';
}

export const cases = [];
for (const [config, { base, variants }] of Object.entries(suites)) {
	cases.push({ name: `${config}/baseline`, config, yaml: render(base) });
	cases.push({ name: `${config}/empty`, config, yaml: 'title: Contoh\n' });
	for (const [key, values] of Object.entries(variants)) {
		values.forEach((value, index) => {
			const fields = { ...base };
			if (value === null) delete fields[key];
			else fields[key] = value;
			cases.push({ name: `${config}/${key}/${index}`, config, yaml: render(fields) });
		});
	}
}
