proc = subprocess.Popen(f"ffmpeg -y -i {input_file} -vn {output_file}", shell=True)
proc.wait()
