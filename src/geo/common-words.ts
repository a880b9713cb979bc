/**
 * Everyday words that are also region names somewhere ("Baru", "Makmur", "Batu", "Padang"), or one
 * typo away from one ("banjir"/Banjar, "pasar"/Paser, "berat"/Berau). A place whose name consists
 * only of these words counts only when a place keyword names its level ("desa Baru", "kota Batu"),
 * and none of these words is ever typo-corrected into a place. Citizens near mines write about
 * rivers, dust, roads and money; those words must not turn into villages.
 */
export const commonPlaceWords: ReadonlySet<string> = new Set(
  `
 air alue alur atas awe ayam baro baroh baru barat batee batu batubara bawah besar bintang biru bukit buket bumi
 cot dalam damai danau darat dayah dua ujung ujong empat enam gajah gunung gunong harapan hijau hilir hitam hulu
 ilir indah jalan jaya jembatan kampung kampong karang kebun kecil kota kuala kuning kuta lama laut lembah lhok
 lima lubuk luar makmur mata matang meunasah merah mesjid muara padang pante pantai panjang pasar pasir paya
 permai pulau pulo putih raya rawa rendah sari sawah selatan sejahtera sentosa simpang sumber sungai krueng
 tanah tanoh tanjung tanjong tengah teungoh teluk tiga timur tinggi tujuh tunong ulu utara mulia mulya lestari
 bahagia maju mekar bakti bhakti karya mandiri bersatu sepakat setia rejo rejeki rezeki subur berkah kurnia
 rahmat mutiara permata delima intan emas perak sakti bandar rantau juli jangka benua lapang parit lorong
 batas dusun desa gampong kelurahan kecamatan kabupaten provinsi seberang hutan ladang tambak tambang lubang
 bangun baru selamat garuda bunga pelabuhan minta dana nya tu sea along tiga satu delapan sembilan sepuluh
 banjir debu limbah lumpur keruh kotor asap bising longsor berat pasar kabar kolot warga rakyat sekolah
 medan malang serang metro puncak buru batang landak banjar bone agam pati lebak kapuas barito 
 
 karangan sandaran  samudera bendahara penanggalan langkahan ngapa lambai waru lawa sawa tabang
 busang telen lapangan kantor camat bupati gubernur kepala polisi polres polsek perusahaan pabrik jetty
 lahan bekas tebal bandang batal truk kolam rumah sawit
  nikel timah bauksit pasir galian izin ijin royalti pajak desa sungai keruh 
 `
    .split(/\s+/)
    .filter((w) => w !== ''),
);
